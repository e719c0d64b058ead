package io.warpengine.tier;

import io.warpengine.store.DeepValue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reclaims the deep log's garbage, on the demoter's thread when memory is not short: a sealed segment whose live
 * values fill less than half of it has them copied to the end of the log (each key swapped to its new record by
 * compare-and-set, so a write meanwhile wins), and once no key refers to it the segment is retired. A retired
 * segment is deleted only when every kept snapshot is newer than its retirement ({@link DeepLog#deleteRetired}):
 * an older snapshot, which recovery may fall back to, still refers to its records. A crash anywhere leaves every
 * record a snapshot or the live state refers to on disk.
 */
final class Compactor {

    /** A sealed segment is compacted when its live values fill less than this share of it. */
    static final double MAX_LIVE_SHARE = 0.5;

    private final Tiers tiers;
    private final List<TieredShardStore> stores;
    private final DeepLog deep;
    private final SegmentUsage usage;
    private final LongSupplier lastSequence;
    /** Live records on their way to the end of the log; a promoted value keeps its bytes, with its new record. */
    private final DeepWrites copies;

    /** @param lastSequence the engine's newest journaled sequence: what a retirement is stamped with */
    Compactor(Tiers tiers, List<TieredShardStore> stores, DeepLog deep, SegmentUsage usage, LongSupplier lastSequence) {
        this.tiers = tiers;
        this.stores = stores;
        this.deep = deep;
        this.usage = usage;
        this.lastSequence = lastSequence;
        this.copies = new DeepWrites(deep, (store, key, held, stored, record) ->
                store.swap(key, held, held instanceof Promoted ? new Promoted(stored, record) : record));
    }

    /** One round over every segment due; false when none was (nothing to do). */
    boolean compactOnce() {
        Set<Long> due = new HashSet<>();
        deep.sealedSegmentSizes().forEach((segment, size) -> {
            if (size > 0 && usage.live(segment) < size * MAX_LIVE_SHARE) {
                due.add(segment);
            }
        });
        if (due.isEmpty()) {
            return false;
        }
        try {
            for (TieredShardStore store : stores) {
                store.forEachHeldForm((key, held) -> {
                    DeepValue record = SegmentUsage.recordOf(held);
                    if (record != null && due.contains(DeepLog.segmentOf(record.location()))) {
                        copies.add(store, key, held,
                                held instanceof Promoted promoted ? promoted.stored : tiers.readDeep(key, record));
                    }
                });
            }
            copies.flush();
        } finally {
            copies.clear();
        }
        long sequence = lastSequence.getAsLong();
        for (long segment : due) {
            if (usage.live(segment) == 0) { // else a key moved meanwhile (a promotion): the next round copies it
                deep.retire(segment, sequence);
                tiers.counters.compactedSegments.incrementAndGet();
            }
        }
        return true;
    }
}
