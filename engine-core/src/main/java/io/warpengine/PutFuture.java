package io.warpengine;

import io.warpengine.core.Reply;

import java.util.concurrent.CompletableFuture;

/** The reply of an asynchronous put: completed by the caller that held the writer role. */
final class PutFuture extends CompletableFuture<PutResult> implements Reply {

    private final int logicalShard;

    /** @param logicalShard the key's logical shard (a function of the key alone) */
    PutFuture(int logicalShard) {
        this.logicalShard = logicalShard;
    }

    @Override
    public void complete(long sequence, int shard, boolean existed) {
        complete(new PutResult(sequence, shard, logicalShard));
    }

    @Override
    public void fail(RuntimeException cause) {
        completeExceptionally(cause);
    }
}
