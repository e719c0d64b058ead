package io.warpengine.tier;

import io.warpengine.store.DeepValue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the tiers hold and did, shared by every store of an engine. A value is counted in the tier of the form it
 * is held in: a stored value ({@code byte[]}) or a {@link Promoted} one (the event horizon), a {@link Photon}, or a
 * {@link DeepValue}. Each
 * change of a key's form (a write, a demotion, a promotion) is counted by whoever made it, from the form it
 * replaced, so the counts stay exact beside concurrent changes.
 */
final class TierCounters {

    static final int HORIZON = 0;
    static final int PHOTON = 1;
    static final int DEEP = 2;
    /** An array's header on a 64-bit JVM with compressed oops, counted with its bytes. */
    private static final int ARRAY_HEADER = 16;
    /** A photon's object header and field, beside its array. */
    private static final int PHOTON_OBJECT = 16;
    /** A promoted value's object header and fields, beside its array (its deep value is counted in the index). */
    private static final int PROMOTED_OBJECT = 24;

    private final AtomicLong[] keys = atomics();
    private final AtomicLong[] bytes = atomics();
    /** Hits of the event horizon: every read of a value in memory, so counted without an atomic instruction. */
    private final ThreadCounter horizonHits = new ThreadCounter();
    private final LongAdder[] hits = {null, new LongAdder(), new LongAdder()};
    private final AtomicLong[] promotions = atomics();
    private final AtomicLong[] demotions = atomics();
    final AtomicLong stalls = new AtomicLong();
    final SegmentUsage segments = new SegmentUsage();
    /** Deep segments compaction emptied and retired. */
    final AtomicLong compactedSegments = new AtomicLong();

    /** The tier of a held form. */
    static int tierOf(Object held) {
        if (held instanceof byte[] || held instanceof Promoted) {
            return HORIZON;
        }
        if (held instanceof Photon) {
            return PHOTON;
        }
        if (held instanceof DeepValue) {
            return DEEP;
        }
        throw new IllegalStateException("a store holds a " + held.getClass().getName());
    }

    /** Bytes a held form counts in its tier (see {@link TierStats.Tier#bytes}). */
    static long bytesOf(Object held) {
        if (held instanceof byte[] stored) {
            return stored.length + ARRAY_HEADER;
        }
        if (held instanceof Promoted promoted) {
            return promoted.stored.length + ARRAY_HEADER + PROMOTED_OBJECT;
        }
        if (held instanceof Photon photon) {
            return photon.compressed.length + ARRAY_HEADER + PHOTON_OBJECT;
        }
        return ((DeepValue) held).storedLength();
    }

    /** A key now held as {@code held} (null: none) that was held as {@code old} (null: absent). */
    void replaced(Object old, Object held) {
        if (old != null) {
            int tier = tierOf(old);
            keys[tier].addAndGet(-1);
            bytes[tier].addAndGet(-bytesOf(old));
            DeepValue record = SegmentUsage.recordOf(old);
            if (record != null) {
                segments.add(record, -1);
            }
        }
        if (held != null) {
            int tier = tierOf(held);
            keys[tier].addAndGet(1);
            bytes[tier].addAndGet(bytesOf(held));
            DeepValue record = SegmentUsage.recordOf(held);
            if (record != null) {
                segments.add(record, 1);
            }
        }
    }

    void hit(int tier) {
        if (tier == HORIZON) {
            horizonHits.increment();
        } else {
            hits[tier].increment();
        }
    }

    void promoted(Object from) {
        promotions[tierOf(from)].incrementAndGet();
    }

    void demoted(Object to) {
        demotions[tierOf(to)].incrementAndGet();
    }

    /** Bytes of the values in memory: the event horizon and the photon sphere. */
    long memoryBytes() {
        return bytes[HORIZON].get() + bytes[PHOTON].get();
    }

    TierStats.Tier tier(int tier) {
        return new TierStats.Tier(keys[tier].get(), bytes[tier].get(),
                tier == HORIZON ? horizonHits.sum() : hits[tier].sum(), promotions[tier].get(),
                demotions[tier].get());
    }

    private static AtomicLong[] atomics() {
        return new AtomicLong[]{new AtomicLong(), new AtomicLong(), new AtomicLong()};
    }
}
