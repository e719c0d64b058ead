package io.warpengine.core;

import org.eclipse.collections.impl.map.mutable.ConcurrentHashMap;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A shard's keys in one map. Eclipse Collections' ConcurrentHashMap gives lock-free reads that never see a
 * half-applied write, so {@code get} needs no trip through the ring. Measured on 1M keys of 16 B with 100 B
 * values (see the README): 34-37 B of map overhead per key against 43 for the JDK's ConcurrentHashMap, and the
 * same engine throughput; UnifiedMap (25 B) is not safe for readers running beside the writer.
 */
public final class MapShardStore implements ShardStore {

    private final ConcurrentHashMap<String, byte[]> map;
    private final AtomicLong keyCount = new AtomicLong();
    private final AtomicLong valueBytes = new AtomicLong();

    public MapShardStore(int expectedKeys) {
        map = new ConcurrentHashMap<>(expectedKeys);
    }

    @Override
    public boolean put(String key, byte[] value) {
        byte[] old = map.put(key, value);
        account(old == null ? 1 : 0, value.length - (old == null ? 0 : old.length));
        return old != null;
    }

    @Override
    public boolean remove(String key) {
        byte[] old = map.remove(key);
        if (old == null) {
            return false;
        }
        account(-1, -old.length);
        return true;
    }

    @Override
    public void loadAll(Map<String, byte[]> staged) {
        staged.forEach((k, v) -> {
            map.put(k, v);
            account(1, v.length);
        });
    }

    @Override
    public byte[] get(String key) {
        return map.get(key);
    }

    @Override
    public long keyCount() {
        return keyCount.get();
    }

    @Override
    public long valueBytes() {
        return valueBytes.get();
    }

    @Override
    public void forEach(BiConsumer<String, byte[]> visitor) {
        map.forEachKeyValue(visitor::accept);
    }

    @Override
    public Copy capture() {
        int n = map.size();
        String[] keys = new String[n];
        byte[][] values = new byte[n][];
        int[] at = {0};
        map.forEachKeyValue((k, v) -> {
            keys[at[0]] = k;
            values[at[0]] = v;
            at[0]++;
        });
        if (at[0] != n) {
            throw new IllegalStateException("shard changed while its writer copied it: " + n + " vs " + at[0]);
        }
        return new Copy(keys, values);
    }

    // Single writer: a release store is enough for readers of the counters, and cheaper than an atomic add.
    private void account(int keys, long bytes) {
        keyCount.lazySet(keyCount.get() + keys);
        valueBytes.lazySet(valueBytes.get() + bytes);
    }
}
