package io.warpengine.core;

import io.warpengine.snapshot.SnapshotSource;
import io.warpengine.store.StoredRead;
import io.warpengine.store.StoredValue;
import io.warpengine.store.ValueTier;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A shard's keys in one map. The JDK's ConcurrentHashMap gives lock-free reads that never see a half-applied
 * write, so {@code get} needs no trip through the ring, and its documented weakly consistent traversal (every key
 * present throughout is visited exactly once, even across a resize) is what a fuzzy checkpoint relies on.
 * Eclipse Collections' ConcurrentHashMap measured 34-37 B of overhead per key against 43 here (1M keys of 16 B,
 * 100 B values) with the same throughput, but documents no such guarantee for iteration beside a writer.
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
        account(old == null ? 1 : 0, StoredValue.length(value) - (old == null ? 0 : StoredValue.length(old)));
        return old != null;
    }

    @Override
    public boolean remove(String key) {
        byte[] old = map.remove(key);
        if (old == null) {
            return false;
        }
        account(-1, -StoredValue.length(old));
        return true;
    }

    @Override
    public void load(String key, Object held) {
        byte[] stored = (byte[]) held; // a deep value here is a bug in recovery: fail loud
        map.put(key, stored);
        account(1, StoredValue.length(stored));
    }

    @Override
    public byte[] get(String key) {
        return map.get(key);
    }

    @Override
    public boolean contains(String key) {
        return map.containsKey(key);
    }

    @Override
    public StoredRead read(String key) {
        byte[] stored = map.get(key);
        return stored == null ? null : new StoredRead(stored, ValueTier.EVENT_HORIZON);
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
        map.forEach(visitor);
    }

    @Override
    public void forEachKey(Consumer<String> visitor) {
        map.forEach((key, value) -> visitor.accept(key));
    }

    @Override
    public void forEachHeld(SnapshotSource.EntryVisitor visitor) {
        map.forEach(visitor::value);
    }

    // Single writer: a release store is enough for readers of the counters, and cheaper than an atomic add.
    private void account(int keys, long bytes) {
        keyCount.lazySet(keyCount.get() + keys);
        valueBytes.lazySet(valueBytes.get() + bytes);
    }
}
