package io.warpengine.bench.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact LRU, the reference the approximations are judged against: a LinkedHashMap in access order, whose eldest
 * entry goes when the map outgrows its capacity. Every hit relinks an entry, which is why it is not a candidate for
 * readers on many threads.
 */
final class LruPolicy implements CachePolicy {

    private final Integer[] keys;
    private final Map<Integer, Boolean> resident;

    /** {@code keys}: every key boxed once, as the engine's keys already exist as objects when it reads them. */
    LruPolicy(int capacity, Integer[] keys) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.keys = keys;
        // Sized for the capacity, so that no rehash during the fill is timed.
        this.resident = new LinkedHashMap<>((int) Math.min(Integer.MAX_VALUE, capacity / 0.75 + 1), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public boolean access(int key) {
        Integer boxed = keys[key];
        if (resident.get(boxed) != null) {
            return true;
        }
        resident.put(boxed, Boolean.TRUE);
        return false;
    }

    @Override
    public boolean contains(int key) {
        return resident.containsKey(keys[key]);
    }

    @Override
    public long size() {
        return resident.size();
    }
}
