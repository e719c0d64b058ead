package io.warpengine.tier;

import io.warpengine.core.ShardStore;
import io.warpengine.core.StoreFactory;
import io.warpengine.store.DeepValue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The memory tiers of one engine: the bound on the memory values use, the deep log, the counters, the CLOCK bits
 * and the demoter, shared by every {@link TieredShardStore} it makes. Writes and promotions fill the event
 * horizon; above {@value #DEMOTE_FROM_PERCENT}% of the bound the demoter moves values down (compressed where
 * that pays, else to disk) until {@value #DEMOTE_TO_PERCENT}%; a write that finds memory over the bound waits
 * for the demoter (a stall, counted), so memory stays bounded however fast writes come.
 */
public final class Tiers implements StoreFactory, AutoCloseable {

    /** The smallest bound accepted: below it the demoter would run for every few writes. */
    public static final long MIN_BYTES = 1 << 20;
    static final int DEMOTE_FROM_PERCENT = 95;
    static final int DEMOTE_TO_PERCENT = 90;
    /** Reads of the event horizon mark their keys from this share of the bound on (below it nothing is demoted). */
    static final int TRACK_FROM_PERCENT = 50;
    /** A snapshot entry of a deep value: key length, a short key, the tag, location and length. */
    private static final int LOCATION_BYTES = 40;

    final TierCounters counters = new TierCounters();
    final ReferenceBits references;
    private final DeepLog deep;
    private final long maxBytes;
    private final long demoteFrom;
    private final long demoteTo;
    private final List<TieredShardStore> stores = new CopyOnWriteArrayList<>();
    private volatile Demoter demoter;
    /**
     * Whether reads of the event horizon mark their keys for the CLOCK hand: once memory passed half the bound
     * (and ever after). Until then no demotion is near, and a mark would cost every read a write to a shared bit
     * array larger than the cache: with all values in memory, GET measured 0.93x of tiers off with marks.
     */
    volatile boolean tracking;

    private Tiers(DeepLog deep, long maxBytes) {
        this.deep = deep;
        this.maxBytes = maxBytes;
        this.demoteFrom = maxBytes / 100 * DEMOTE_FROM_PERCENT;
        this.demoteTo = maxBytes / 100 * DEMOTE_TO_PERCENT;
        // about one bit per key of 1 KiB values, at least 2^16: an engine of tiny values shares bits more
        this.references = new ReferenceBits(Math.max(1 << 16, maxBytes == Long.MAX_VALUE ? 1 << 16 : maxBytes >> 10));
    }

    /**
     * Tiers under {@code maxBytes} of memory, with the deep log in {@code deepDir} (created if needed).
     *
     * @throws IllegalArgumentException when the bound is below {@link #MIN_BYTES}
     */
    public static Tiers open(Path deepDir, long maxBytes, long segmentBytes) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("setting 'memory.max.bytes' (" + maxBytes + ") must be 0 (tiers off) or"
                    + " at least " + MIN_BYTES + " (1 MiB)");
        }
        return new Tiers(DeepLog.open(deepDir, segmentBytes), maxBytes);
    }

    /**
     * Tiers for a read-only view: values stay in memory (no bound, no demoter, nothing written), values a snapshot
     * holds in the deep tier are read from {@code deepDir}'s log.
     */
    public static Tiers readOnly(Path deepDir) {
        return new Tiers(DeepLog.openReadOnly(deepDir), Long.MAX_VALUE);
    }

    /**
     * Starts the demoter (and compaction, on its thread), once the stores are loaded; {@code residency} tells it
     * each key's rule (from its put options), {@code lastSequence} the engine's newest journaled sequence.
     */
    public void startDemoter(Function<String, Residency> residency, LongSupplier lastSequence) {
        if (maxBytes == Long.MAX_VALUE) {
            throw new IllegalStateException("read-only tiers demote nothing");
        }
        for (long segment : deep.retiredSegments()) {
            if (counters.segments.live(segment) > 0) { // recovered from a snapshot older than its retirement
                deep.unretire(segment);
            }
        }
        List<TieredShardStore> all = List.copyOf(stores);
        Demoter started = new Demoter(this, all, deep, residency, demoteTo,
                new Compactor(this, all, deep, counters.segments, lastSequence));
        demoter = started;
        started.start();
        afterWrite(); // recovery may have loaded up to the bound
    }

    @Override
    public ShardStore newStore(int expectedKeys) {
        TieredShardStore store = new TieredShardStore(this, expectedKeys);
        stores.add(store);
        return store;
    }

    /** Recovery stages at most the bound in memory; a view stages whatever its replay holds. */
    @Override
    public long stagingBytes() {
        return maxBytes;
    }

    @Override
    public DeepValue[] spill(String[] keys, byte[][] stored, int count) {
        long[] locations = deep.append(keys, stored, count);
        DeepValue[] spilled = new DeepValue[count];
        for (int i = 0; i < count; i++) {
            spilled[i] = new DeepValue(locations[i], stored[i].length);
            counters.demoted(spilled[i]);
        }
        return spilled;
    }

    /** One value spilled (see {@link #spill(String[], byte[][], int)}). */
    DeepValue spill(String key, byte[] stored) {
        return spill(new String[]{key}, new byte[][]{stored}, 1)[0];
    }

    @Override
    public Object load(String key, DeepValue deepValue) {
        return deepValue;
    }

    /** The figures of every tier. */
    public TierStats stats() {
        return new TierStats(maxBytes == Long.MAX_VALUE ? 0 : maxBytes, counters.tier(TierCounters.HORIZON),
                counters.tier(TierCounters.PHOTON), counters.tier(TierCounters.DEEP), deep.bytes(),
                counters.compactedSegments.get(), counters.stalls.get());
    }

    /**
     * How many journal entries a snapshot is worth (see the checkpointer): one per key in memory, whose value the
     * file holds, and for the keys in the deep cache, whose location (about {@value #LOCATION_BYTES} bytes with
     * its key) the file holds instead, that share of an average value's entry.
     */
    public long snapshotEntries() {
        TierStats.Tier deepTier = counters.tier(TierCounters.DEEP);
        long inMemory = counters.tier(TierCounters.HORIZON).keys() + counters.tier(TierCounters.PHOTON).keys();
        if (deepTier.keys() == 0) {
            return inMemory;
        }
        double averageStored = (double) deepTier.bytes() / deepTier.keys();
        return inMemory + (long) (deepTier.keys() * LOCATION_BYTES / (averageStored + LOCATION_BYTES));
    }

    /** After a write or promotion added to memory: wakes the demoter, and a writer over the bound waits for it. */
    void afterWrite() {
        long memory = counters.memoryBytes();
        if (!tracking && memory > maxBytes / 100 * TRACK_FROM_PERCENT) {
            tracking = true;
        }
        Demoter running = demoter;
        if (memory > demoteFrom && running != null) {
            running.wake();
            if (memory > maxBytes) {
                running.awaitRoom(maxBytes);
            }
        }
    }

    /**
     * Whether a read may move a value up now: only with a demoter to move others down (a view's tiers never do),
     * and only under the bound. Reads do not wait for the demoter as writes do, and a read from the page cache
     * outruns a demotion, so promotions past the bound would grow memory without limit.
     */
    boolean promotes() {
        return demoter != null && counters.memoryBytes() < maxBytes;
    }

    /** After a reader promoted a value: wakes the demoter if memory is short (a reader never waits). */
    void afterPromotion() {
        Demoter running = demoter;
        if (running != null && counters.memoryBytes() > demoteFrom) {
            running.wake();
        }
    }

    /** Any thread. The stored value of a deep value, checked against its length. */
    byte[] readDeep(String key, DeepValue value) {
        byte[] stored = deep.read(value.location(), key);
        if (stored.length != value.storedLength()) {
            throw new CorruptDeepRecordException("the deep record of '" + key + "' holds " + stored.length
                    + " bytes where " + value.storedLength() + " were written");
        }
        return stored;
    }

    /**
     * After a snapshot was written: deletes the deep segments compaction retired before {@code oldestSnapshotSequence},
     * the oldest kept snapshot's sequence (no kept snapshot refers to them).
     */
    public void afterSnapshot(long oldestSnapshotSequence) {
        deep.deleteRetired(oldestSnapshotSequence);
    }

    /** Makes every deep location handed out so far durable (before a snapshot refers to them). */
    void syncDeep() {
        deep.sync();
    }

    /** Stops the demoter and closes the deep log (after the engine's last checkpoint). */
    @Override
    public void close() {
        Demoter running = demoter;
        if (running != null) {
            running.stop();
        }
        deep.close();
    }
}
