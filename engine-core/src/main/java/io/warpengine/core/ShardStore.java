package io.warpengine.core;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The keys of one shard. Exactly one thread at a time writes (the holder of the writer role, or recovery before the engine opens);
 * any thread reads, and a read never sees a half-applied write. Stored arrays are never handed out or mutated:
 * the engine copies them at its edge. Today one concurrent map ({@link MapShardStore}); memory tiers next.
 */
public interface ShardStore {

    /** Writer only. Stores {@code value} (owned by the store from now on); true if the key existed. */
    boolean put(String key, byte[] value);

    /** Writer only. True if the key existed. */
    boolean remove(String key);

    /** Any thread. The stored array itself, or null: the caller must copy it before it leaves the engine. */
    byte[] get(String key);

    /** Before any reader or writer thread exists (recovery): adds every entry of {@code staged}, all new keys. */
    void loadAll(Map<String, byte[]> staged);

    long keyCount();

    /** Bytes of the values held. */
    long valueBytes();

    /**
     * Any thread, beside the writer: visits every key present throughout the visit exactly once, with a value it
     * held during the visit; keys written meanwhile may or may not be seen (the fuzzy checkpoint's premise).
     */
    void forEach(BiConsumer<String, byte[]> visitor);
}
