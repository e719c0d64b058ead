package io.warpengine.core;

import io.warpengine.snapshot.SnapshotSource;
import io.warpengine.store.StoredRead;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The keys of one shard. Exactly one thread at a time writes (the holder of the writer role, or recovery before the engine opens);
 * any thread reads, and a read never sees a half-applied write. Stored arrays are never handed out or mutated:
 * the engine copies them at its edge. Two kinds: every value on the heap ({@link MapShardStore}), or values in
 * memory tiers under a bound ({@code io.warpengine.tier.TieredShardStore}).
 */
public interface ShardStore {

    /** Writer only. Stores {@code value} (owned by the store from now on); true if the key existed. */
    boolean put(String key, byte[] value);

    /** Writer only. True if the key existed. */
    boolean remove(String key);

    /** Any thread. The stored array (or a copy), or null: the caller must copy it before it leaves the engine. */
    byte[] get(String key);

    /** Any thread. Whether {@code key} holds a value, without reading it (a deep value stays on disk). */
    boolean contains(String key);

    /** As {@link #get}, with the tier that served it; null when absent. */
    StoredRead read(String key);

    /**
     * Before any reader or writer thread exists (recovery): adds {@code key}, new to the store, with its value as
     * recovery staged it: a stored value ({@code byte[]}) or a {@link io.warpengine.store.DeepValue}.
     */
    void load(String key, Object held);

    long keyCount();

    /** Bytes of the values held, in every tier (a value's stored length). */
    long valueBytes();

    /**
     * Any thread, beside the writer: visits every key present throughout the visit exactly once, with a value it
     * held during the visit; keys written meanwhile may or may not be seen (the fuzzy checkpoint's premise).
     * Values in the deep tier are read from disk.
     */
    void forEach(BiConsumer<String, byte[]> visitor);

    /** As {@link #forEach}, keys only: reads no value. */
    void forEachKey(Consumer<String> visitor);

    /**
     * As {@link #forEach}, values as a snapshot holds them: in the deep tier as their location, reading no value
     * from disk. Every location reported is durable when it returns.
     */
    void forEachHeld(SnapshotSource.EntryVisitor visitor);
}
