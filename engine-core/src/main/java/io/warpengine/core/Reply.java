package io.warpengine.core;

/** Receives the outcome of one command, on the thread of the shard that applied it. */
public interface Reply {

    void complete(long sequence, int shard, boolean existed);

    void fail(RuntimeException cause);
}
