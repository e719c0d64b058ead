package io.warpengine.command;

import io.warpengine.core.CheckpointCut;

/**
 * A command as it travels through the engine's ring. Commands are immutable values; the byte arrays they hold
 * belong to the engine and must not be modified by anyone who observes them.
 */
public sealed interface Command permits Command.Write, Command.Checkpoint {

    /** A journaled change to one key. */
    sealed interface Write extends Command permits Put, Delete {

        /** The key the command writes. */
        String key();

        /** The key encoded as UTF-8, computed once by the caller's thread. */
        byte[] keyUtf8();
    }

    /** Set {@code key} to {@code value}. */
    record Put(String key, byte[] keyUtf8, byte[] value) implements Write {
    }

    /** Remove {@code key}. */
    record Delete(String key, byte[] keyUtf8) implements Write {
    }

    /**
     * Capture every shard at this position of the ring into one snapshot: all writes published before it are
     * in the snapshot, none after. Not journaled.
     */
    record Checkpoint(CheckpointCut cut) implements Command {
    }
}
