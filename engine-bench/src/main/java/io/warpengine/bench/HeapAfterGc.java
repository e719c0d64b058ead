package io.warpengine.bench;

import com.sun.management.GcInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The heap in use right after the JVM's latest garbage collection: the live data plus whatever the collector
 * left, the figure whose drift over a long run shows a leak.
 *
 * <p>It is read from the last {@link GcInfo} of each collector, the newest one winning, summed over the heap pools.
 * Summing {@link MemoryPoolMXBean#getCollectionUsage()} instead would be wrong under ParallelGC and G1: their old
 * generation's collection usage changes only at an old or full collection, so promotions by young collections
 * would not show. ZGC (and Shenandoah) also register a "... Pauses" collector whose after-GC usage is that of a
 * pause inside a concurrent cycle (ZGC reports 0 there): only the "... Cycles" collector is read.
 */
final class HeapAfterGc {

    /** The latest collection: heap bytes used after it, and collections of every collector so far. */
    record Sample(long bytes, long collections) {
        static final Sample UNKNOWN = new Sample(-1, 0);
    }

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private HeapAfterGc() {
    }

    /** The collectors read, e.g. {@code [ZGC Cycles]} or {@code [PS Scavenge, PS MarkSweep]}. */
    static List<String> collectors() {
        return beans().stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /** Heap used after the newest collection of any collector; {@link Sample#UNKNOWN} before the first. */
    static Sample sample() {
        GcInfo newest = null;
        long collections = 0;
        for (GarbageCollectorMXBean bean : beans()) {
            collections += Math.max(0, bean.getCollectionCount());
            GcInfo info = bean instanceof com.sun.management.GarbageCollectorMXBean sun ? sun.getLastGcInfo() : null;
            if (info != null && (newest == null || info.getEndTime() > newest.getEndTime())) {
                newest = info;
            }
        }
        if (newest == null) {
            return Sample.UNKNOWN;
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : newest.getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return new Sample(used, collections);
    }

    private static List<GarbageCollectorMXBean> beans() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> !b.getName().endsWith(" Pauses")).toList();
    }
}
