package io.warpengine.bench.policy;

import com.sun.management.OperatingSystemMXBean;
import io.warpengine.bench.ZipfianKeys;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays each key stream into each policy at each capacity, one thread, and counts hits after a warm-up. A trace
 * is drawn once per stream and replayed into every policy, so the policies see the same reads, and drawing is not
 * timed. The warm-up (the first 2 x capacity reads) fills the cache before hits count, so that the figure is the
 * steady state a long-running engine would see rather than its cold start.
 */
final class PolicySimulator {

    /** Reads, per policy, of the short replay that compiles the timed loop before any timing. */
    private static final int JIT_WARM_UP_READS = 200_000;

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What to simulate; {@code repeat} replays per policy and capacity, whose median cost is reported. */
    record Settings(int keyCount, int operations, List<Double> capacities, List<KeyStream> streams,
                    double zipfExponent, long seed, int repeat) {
        Settings {
            require(keyCount >= 1, "--keys must be at least 1, was " + keyCount);
            require(repeat >= 1, "--repeat must be at least 1, was " + repeat);
            require(zipfExponent > 0 && zipfExponent < 1, "--zipf-exponent must be in (0, 1), was " + zipfExponent);
            require(!capacities.isEmpty() && !streams.isEmpty(), "--capacity and --distribution need a value each");
            for (double fraction : capacities) {
                require(fraction > 0 && fraction <= 1, "--capacity is a fraction of the keys in (0, 1], was " + fraction);
            }
            long warmUp = warmUp(capacity(keyCount, capacities.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
            require(operations > warmUp, "--operations " + operations + " leaves no read to count after the warm-up of "
                    + "2 x capacity = " + warmUp + " reads; raise it or lower --capacity");
            // A value given twice would be measured twice and drawn twice.
            capacities = List.copyOf(new LinkedHashSet<>(capacities));
            streams = List.copyOf(new LinkedHashSet<>(streams));
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /**
     * One policy at one capacity on one stream: the hit ratio over the reads after the warm-up (the same in every
     * replay but W-TinyLFU's, whose admission lets a warm newcomer in at random; then their median), and the medians
     * over the replays of the CPU time and of the elapsed time per read of the whole replay.
     */
    record Cell(String workload, double capacityFraction, int capacity, String policy, long countedReads,
                double hitRatio, double cpuNsPerAccess, double wallNsPerAccess, List<Double> hitRatioRuns,
                List<Double> cpuNsPerAccessRuns, List<Double> wallNsPerAccessRuns) {
    }

    /**
     * The hits of one replay among the reads counted, and what the whole replay took: elapsed time, and the CPU time
     * of the whole JVM. The CPU time is the cost figure: it includes the collector's work on the policy's garbage,
     * and leaves out the time the other tenants of a shared machine's cores took, which the elapsed time does not.
     * Linux counts it in 10 ms ticks, so a short replay's figure is coarse.
     */
    record Replay(long hits, long counted, long wallNanos, long cpuNanos) {
    }

    /** Runs every stream, capacity and policy of {@code settings}, handing each capacity's cells to {@code rowDone}. */
    List<Cell> run(Settings settings, Consumer<List<Cell>> rowDone) {
        Integer[] keys = boxed(settings.keyCount());
        ZipfianKeys zipfian = settings.streams().stream().anyMatch(KeyStream::needsZipfian)
                ? new ZipfianKeys(settings.keyCount(), settings.zipfExponent()) : null;
        compileReplay(keys);
        List<Cell> cells = new ArrayList<>();
        for (KeyStream stream : settings.streams()) {
            int[] trace = stream.trace(settings.keyCount(), settings.operations(), zipfian, settings.seed());
            for (double fraction : settings.capacities()) {
                int capacity = capacity(settings.keyCount(), fraction);
                List<Cell> row = new ArrayList<>();
                for (PolicyKind kind : PolicyKind.values()) {
                    row.add(measure(stream, fraction, capacity, kind, trace, keys, settings.repeat()));
                }
                cells.addAll(row);
                rowDone.accept(row);
            }
        }
        return cells;
    }

    private static Cell measure(KeyStream stream, double fraction, int capacity, PolicyKind kind, int[] trace,
                                Integer[] keys, int repeat) {
        double[] hitRatios = new double[repeat];
        double[] cpuNs = new double[repeat];
        double[] wallNs = new double[repeat];
        long counted = 0;
        for (int r = 0; r < repeat; r++) {
            System.gc(); // the last policy's garbage goes now, not during this replay's timing
            CachePolicy policy = kind.create(capacity, keys);
            Replay replay = replay(trace, policy, warmUp(capacity));
            if (policy.size() > capacity) {
                throw new IllegalStateException(kind.label() + " held " + policy.size() + " keys, capacity " + capacity);
            }
            counted = replay.counted();
            hitRatios[r] = (double) replay.hits() / replay.counted();
            cpuNs[r] = (double) replay.cpuNanos() / trace.length;
            wallNs[r] = (double) replay.wallNanos() / trace.length;
        }
        return new Cell(stream.label(), fraction, capacity, kind.label(), counted, median(hitRatios), median(cpuNs),
                median(wallNs), list(hitRatios), list(cpuNs), list(wallNs));
    }

    /** Reads every key of {@code trace} into {@code policy}; hits count from read {@code warmUp} on. */
    static Replay replay(int[] trace, CachePolicy policy, long warmUp) {
        int first = (int) Math.min(warmUp, trace.length);
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < first; i++) {
            policy.access(trace[i]);
        }
        long hits = 0;
        for (int i = first; i < trace.length; i++) {
            if (policy.access(trace[i])) {
                hits++;
            }
        }
        long wall = System.nanoTime() - start;
        return new Replay(hits, trace.length - first, wall, PROCESS.getProcessCpuTime() - cpuStart);
    }

    /**
     * A short replay into each policy before anything is timed: the loop's call to access() is then compiled seeing
     * all three, rather than first inlined for whichever policy ran first, which would flatter that one's cost.
     */
    private static void compileReplay(Integer[] keys) {
        int[] trace = KeyStream.UNIFORM.trace(keys.length, JIT_WARM_UP_READS, null, 1);
        for (int round = 0; round < 3; round++) {
            for (PolicyKind kind : PolicyKind.values()) {
                replay(trace, kind.create(Math.max(1, keys.length / 10), keys), 0);
            }
        }
    }

    static int capacity(int keyCount, double fraction) {
        return (int) Math.max(1, Math.round(fraction * keyCount));
    }

    static long warmUp(int capacity) {
        return 2L * capacity;
    }

    private static Integer[] boxed(int keyCount) {
        Integer[] keys = new Integer[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = i;
        }
        return keys;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
