package io.warpengine.core;

import io.warpengine.command.Command;

/**
 * A pre-allocated ring slot: one pending command and what became of it. Each field means one thing; they are
 * filled in order: the publisher sets the command, its shard and its reply; the writer role the command's
 * sequence (or the failure) and {@code existed}.
 */
public final class CommandSlot {
    /** The journaled command this slot carries. */
    Command.Write command;
    /** The shard that owns the command's key. */
    int shard;
    /** Where the command's outcome goes. */
    Reply reply;
    /** Engine sequence of the command's journal entry. */
    long sequence;
    /** Why the command could not be journaled; null when it was. */
    RuntimeException journalFailure;
    /** Whether the command's key held a value before it applied. */
    boolean existed;

    void clear() {
        command = null;
        reply = null;
    }
}
