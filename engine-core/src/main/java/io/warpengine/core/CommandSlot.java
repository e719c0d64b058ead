package io.warpengine.core;

import io.warpengine.command.Command;

/**
 * A pre-allocated ring slot: one pending command and what became of it. Each field means one thing; they are
 * filled in order: the publisher sets the command and its reply; the writer role the command's sequence (or
 * the failure), then {@code logicalShard}, {@code shard} and {@code existed} as it applies the command.
 */
public final class CommandSlot {
    /** The journaled command this slot carries. */
    Command command;
    /** The logical shard a single-key command's key is on; {@link Reply#NO_SHARD} for a batch. */
    int logicalShard;
    /** The shard a single-key command's key is on; {@link Reply#NO_SHARD} for a batch, whose keys may span shards. */
    int shard;
    /** Where the command's outcome goes. */
    Reply reply;
    /** Engine sequence of the command's journal entry. */
    long sequence;
    /** Wall-clock time the command was journaled at, µs since the epoch (with {@link #sequence}). */
    long timestampMicros;
    /** Why the command could not be journaled; null when it was. */
    RuntimeException journalFailure;
    /** Whether a single-key command's key held a value before it applied (false for a batch). */
    boolean existed;

    void clear() {
        command = null;
        reply = null;
    }
}
