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
    /** The shard that owns the command's key. */
    int shard;
    /** Where the outcome goes. */
    Reply reply;
    /** Engine sequence of the command's journal entry; 0 until journaled. */
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
