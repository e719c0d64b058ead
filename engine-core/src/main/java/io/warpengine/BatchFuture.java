package io.warpengine;

import io.warpengine.core.Reply;

import java.util.concurrent.CompletableFuture;

/** The reply of an asynchronous batch commit: completed by the caller that held the writer role. */
final class BatchFuture extends CompletableFuture<BatchResult> implements Reply {

    private final int writes;

    BatchFuture(int writes) {
        this.writes = writes;
    }

    @Override
    public void complete(long sequence, int logicalShard, int shard, boolean existed) {
        complete(new BatchResult(sequence, writes));
    }

    @Override
    public void fail(RuntimeException cause) {
        completeExceptionally(cause);
    }
}
