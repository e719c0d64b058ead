package io.warpengine.core;

import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;

import java.util.function.BiFunction;

/**
 * How recovery builds the shards' stores, and keeps the values it stages within memory: on the heap only
 * ({@link #heapOnly}), or in memory tiers under a bound ({@code io.warpengine.tier.Tiers}).
 */
public interface StoreFactory {

    /** A new, empty store for about {@code expectedKeys} keys. */
    ShardStore newStore(int expectedKeys);

    /**
     * Bytes of stored values recovery may stage in memory; past it, it spills them to the deep tier
     * ({@link #spill}). {@link Long#MAX_VALUE} for never.
     */
    long stagingBytes();

    /**
     * Writes the staged stored values of the first {@code count} keys to the deep tier, in one write; returns where
     * each lies, in order.
     */
    DeepValue[] spill(String[] keys, byte[][] stored, int count);

    /** What this kind of store loads for a snapshot's deep value: the deep value, or its stored value read back. */
    Object load(String key, DeepValue deep);

    /**
     * Every value on the heap ({@link MapShardStore}); a snapshot's deep values (written with tiers on) are read
     * back with {@code deepReader}.
     */
    static StoreFactory heapOnly(BiFunction<String, DeepValue, byte[]> deepReader) {
        return new StoreFactory() {
            @Override
            public ShardStore newStore(int expectedKeys) {
                return new MapShardStore(expectedKeys);
            }

            @Override
            public long stagingBytes() {
                return Long.MAX_VALUE;
            }

            @Override
            public DeepValue[] spill(String[] keys, byte[][] stored, int count) {
                throw new IllegalStateException("a heap-only engine has no deep tier to spill values to");
            }

            @Override
            public Object load(String key, DeepValue deep) {
                byte[] stored = deepReader.apply(key, deep);
                if (stored.length != deep.storedLength() || !StoredValue.wellFormed(stored)) {
                    throw new IllegalStateException("the deep value of '" + key + "' is " + stored.length
                            + " bytes, not " + deep.storedLength());
                }
                return stored;
            }
        };
    }
}
