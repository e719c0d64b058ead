package io.warpengine;

import io.warpengine.core.Reply;

import java.util.concurrent.CompletableFuture;

/**
 * The reply of an asynchronous delete, expire or persist: whether it changed the key (a delete: the key existed);
 * completed by whichever caller applied it.
 */
final class ChangedFuture extends CompletableFuture<Boolean> implements Reply {
    @Override
    public void complete(long sequence, int logicalShard, int shard, boolean changed) {
        complete(changed);
    }

    @Override
    public void fail(RuntimeException cause) {
        completeExceptionally(cause);
    }
}
