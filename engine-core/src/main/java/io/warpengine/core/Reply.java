package io.warpengine.core;

/** Receives the outcome of one command, on the thread that held the writer role for it, after the role is free. */
public interface Reply {

    void complete(long sequence, int shard, boolean existed);

    void fail(RuntimeException cause);
}
