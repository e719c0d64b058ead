package io.warpengine.core;

import io.warpengine.command.Command;

/**
 * A pre-allocated ring slot. Each field means one thing for every command type; the stages fill them in
 * order: the publisher sets the command, shard and reply; the journal handler the sequence (or the failure);
 * the shard handler {@code existed}.
 */
public final class CommandSlot {
    /** The typed command carried by this slot. */
    Command command;
    /** Every shard acts on the command (a checkpoint). */
    static final int ALL_SHARDS = -1;

    /** The shard that acts on the command: the owner of a write's key, or {@link #ALL_SHARDS}. */
    int shard;
    /** Where a write's outcome goes; null for a checkpoint, whose outcome is its cut's future. */
    Reply reply;
    /** Engine sequence of the write's journal entry, or of the last entry before a checkpoint. */
    long sequence;
    /** Why the command could not be journaled; null when it was. */
    RuntimeException journalFailure;
    /** Whether the key held a value before the command applied. */
    boolean existed;

    void clear() {
        command = null;
        reply = null;
    }
}
