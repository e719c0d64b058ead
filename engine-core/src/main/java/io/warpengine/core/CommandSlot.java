package io.warpengine.core;

import io.warpengine.command.Command;

/**
 * A pre-allocated ring slot. A slot carries either a command or a checkpoint cut, and each field means one thing
 * whatever it carries; the stages fill them in order: the publisher sets the command (with its shard and reply)
 * or the cut; the journal handler the command's sequence (or the failure); the shard handler {@code existed}.
 */
public final class CommandSlot {
    /** The journaled command this slot carries; null when it carries a checkpoint. */
    Command.Write command;
    /** The checkpoint this slot marks (every shard captures its state here); null when it carries a command. */
    CheckpointCut checkpoint;
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
        checkpoint = null;
        reply = null;
    }
}
