package io.warpengine.tier;

import io.warpengine.store.DeepValue;

import java.util.Arrays;

/**
 * Values on their way into the deep log, written together: up to {@value #BATCH} are appended in one gathering
 * write (one system call instead of one per value), then each key is swapped to its new record by compare-and-set
 * against the form it had when it was added, so a write that came meanwhile wins and the record is only garbage.
 * The demoter and compaction each keep one, on the demoter's thread.
 */
final class DeepWrites {

    /** What a key becomes once its value's record is written: the swap of {@code held} for a form of {@code record}. */
    interface Swap {
        void swap(TieredShardStore store, String key, Object held, byte[] stored, DeepValue record);
    }

    private static final int BATCH = 64;

    private final DeepLog deep;
    private final Swap swap;
    private final String[] keys = new String[BATCH];
    private final byte[][] stored = new byte[BATCH][];
    private final Object[] held = new Object[BATCH];
    private final TieredShardStore[] stores = new TieredShardStore[BATCH];
    private int batched;

    DeepWrites(DeepLog deep, Swap swap) {
        this.deep = deep;
        this.swap = swap;
    }

    /** Adds {@code key}, held as {@code form}, with the stored value to write; writes the batch once it is full. */
    void add(TieredShardStore store, String key, Object form, byte[] value) {
        keys[batched] = key;
        stored[batched] = value;
        held[batched] = form;
        stores[batched] = store;
        if (++batched == BATCH) {
            flush();
        }
    }

    /** Writes what was added, then swaps each key that has not changed meanwhile to its record. */
    void flush() {
        if (batched == 0) {
            return;
        }
        long[] locations = deep.append(keys, stored, batched);
        for (int i = 0; i < batched; i++) {
            swap.swap(stores[i], keys[i], held[i], stored[i], new DeepValue(locations[i], stored[i].length));
        }
        clear();
    }

    /** Forgets what was added (after a failed write): no value stays reachable from here once it moved. */
    void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(stored, null);
        Arrays.fill(held, null);
        Arrays.fill(stores, null);
        batched = 0;
    }
}
