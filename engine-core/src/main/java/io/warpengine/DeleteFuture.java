package io.warpengine;

import io.warpengine.core.Reply;

import java.util.concurrent.CompletableFuture;

/** The reply of an asynchronous delete: true if the key existed; completed on the applying shard's thread. */
final class DeleteFuture extends CompletableFuture<Boolean> implements Reply {
    @Override
    public void complete(long sequence, int logicalShard, int shard, boolean existed) {
        complete(existed);
    }

    @Override
    public void fail(RuntimeException cause) {
        completeExceptionally(cause);
    }
}
