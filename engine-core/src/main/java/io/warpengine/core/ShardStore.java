package io.warpengine.core;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The keys of one shard. Exactly one thread writes (the shard's handler, or recovery before the handlers start);
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

    /** Visits every entry; a consistent view only when the writer is stopped. */
    void forEach(BiConsumer<String, byte[]> visitor);

    /** The shard's entries as parallel arrays (references, not copies of the arrays' contents). */
    record Copy(String[] keys, byte[][] values) {
    }

    /** Writer only (or with the writer stopped): every entry, at this instant, for a snapshot. */
    Copy capture();
}
