package io.warpengine.core;

/** Receives the outcome of one command, on the thread that held the writer role for it, after the role is free. */
public interface Reply {

    /** The shard (and logical shard) of a command that has no single key (a batch). */
    int NO_SHARD = -1;

    /**
     * @param logicalShard the logical shard a single-key command's key was on when it applied, {@link #NO_SHARD}
     *                     for a batch
     * @param shard        the shard (writer) of that logical shard then, {@link #NO_SHARD} for a batch
     * @param existed      whether a single-key command's key held a value before (false for a batch)
     */
    void complete(long sequence, int logicalShard, int shard, boolean existed);

    void fail(RuntimeException cause);
}
