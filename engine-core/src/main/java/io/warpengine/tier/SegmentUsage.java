package io.warpengine.tier;

import io.warpengine.store.DeepValue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes of live values in each deep segment: those a key holds now, as its deep value or as the record of a
 * promoted value. What the rest of a segment holds is garbage (values overwritten, deleted, or written by a
 * demotion that lost its compare-and-set), which compaction reclaims.
 */
final class SegmentUsage {

    private final ConcurrentHashMap<Long, LongAdder> live = new ConcurrentHashMap<>();

    /** A key now refers to {@code record} ({@code sign} 1) or no longer does (-1). */
    void add(DeepValue record, int sign) {
        live.computeIfAbsent(DeepLog.segmentOf(record.location()), s -> new LongAdder())
                .add(sign * (long) record.storedLength());
    }

    /** Bytes of live stored values in {@code segment}. */
    long live(long segment) {
        LongAdder bytes = live.get(segment);
        return bytes == null ? 0 : bytes.sum();
    }

    /** The deep record a held form refers to, or null. */
    static DeepValue recordOf(Object held) {
        if (held instanceof DeepValue deep) {
            return deep;
        }
        return held instanceof Promoted promoted ? promoted.origin : null;
    }
}
