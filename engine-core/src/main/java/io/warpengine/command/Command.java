package io.warpengine.command;

/**
 * A mutating command as it travels through the engine's ring. Commands are immutable values; the byte arrays
 * they hold belong to the engine and must not be modified by anyone who observes them.
 */
public sealed interface Command permits Command.Put, Command.Delete {

    /** The key the command writes. */
    String key();

    /** The key encoded as UTF-8, computed once by the caller's thread. */
    byte[] keyUtf8();

    /** Set {@code key} to {@code value}. */
    record Put(String key, byte[] keyUtf8, byte[] value) implements Command {
    }

    /** Remove {@code key}. */
    record Delete(String key, byte[] keyUtf8) implements Command {
    }
}
