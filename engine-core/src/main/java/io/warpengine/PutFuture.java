package io.warpengine;

import io.warpengine.core.Reply;

import java.util.concurrent.CompletableFuture;

/** The reply of an asynchronous put: completed by the caller that held the writer role. */
final class PutFuture extends CompletableFuture<PutResult> implements Reply {

    @Override
    public void complete(long sequence, int logicalShard, int shard, boolean existed) {
        complete(new PutResult(sequence, shard, logicalShard));
    }

    @Override
    public void fail(RuntimeException cause) {
        completeExceptionally(cause);
    }
}
