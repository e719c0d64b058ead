package io.warpengine.core;

/**
 * Decides which shard (single writer) owns a key. Every write of a key and every read of it must ask the same
 * router, and the answer for a key may change only through the command stream (so that recovery reproduces it).
 * Today a fixed hash ({@link HashRouter}).
 */
public interface Router {

    /** The shard, from 0 to {@link #shards()} - 1, that owns {@code key}. */
    int shardOf(String key);

    /** Number of shards keys are spread over. */
    int shards();
}
