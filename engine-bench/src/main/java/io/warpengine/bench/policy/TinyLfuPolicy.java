package io.warpengine.bench.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Caffeine's W-TinyLFU: a small LRU window in front of a segmented LRU main space, admission from the window to
 * the main space by a count-min frequency sketch, the window's share tuned by a hill climber. A hit is recorded in a
 * ring buffer that a maintenance task drains into the policy. Here that task runs on the calling thread
 * ({@code executor(Runnable::run)}), so every eviction has happened before the next read and the measured cost is
 * the whole of the policy's work.
 */
final class TinyLfuPolicy implements CachePolicy {

    private final Integer[] keys;
    private final Cache<Integer, Boolean> cache;

    /** {@code keys}: every key boxed once, as the engine's keys already exist as objects when it reads them. */
    TinyLfuPolicy(int capacity, Integer[] keys) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.keys = keys;
        this.cache = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
    }

    @Override
    public boolean access(int key) {
        Integer boxed = keys[key];
        if (cache.getIfPresent(boxed) != null) {
            return true;
        }
        cache.put(boxed, Boolean.TRUE);
        return false;
    }

    @Override
    public boolean contains(int key) {
        return cache.asMap().containsKey(keys[key]);
    }

    @Override
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
