package io.warpengine.bench;

import io.warpengine.snapshot.CheckpointReport;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a phase's latencies by whether the target was writing a checkpoint when each operation completed, and
 * keeps the longest latency seen during each checkpoint: how long any caller waited while it ran (the writer
 * pause a checkpoint causes, as callers see it). One per phase; each caller thread records into its own part.
 */
final class CheckpointWindows {

    static final String DURING = "ckpt";
    static final String BETWEEN = "other";
    private static final int TRACKED = 1024;

    /**
     * One checkpoint that ran during the phase; one still being written when the phase ended has only its
     * number and the longest call so far ({@link #finished()} false, the other figures -1).
     */
    record Seen(int number, long sequence, long endSequence, long keys, double snapshotMillis, double longestCallMicros) {
        boolean finished() {
            return sequence >= 0;
        }
    }

    private final Target target;
    private final List<Part> parts = new ArrayList<>();
    private final long startMicros = System.currentTimeMillis() * 1000;

    CheckpointWindows(Target target) {
        this.target = target;
    }

    /** A caller thread's recorder. */
    synchronized Part part(Iterable<Op> ops) {
        Part part = new Part(ops);
        parts.add(part);
        return part;
    }

    final class Part {
        private final Map<Op, Histogram> during = new EnumMap<>(Op.class);
        private final Map<Op, Histogram> between = new EnumMap<>(Op.class);
        private final long[] longest = new long[TRACKED];
        private final long[] firstSeenNanos = new long[TRACKED];

        private Part(Iterable<Op> ops) {
            for (Op op : ops) {
                during.put(op, new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3));
                between.put(op, new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3));
            }
        }

        void record(Op op, long latencyNanos) {
            int running = target.runningCheckpoint();
            if (running == 0) {
                between.get(op).recordValue(latencyNanos);
            } else {
                during.get(op).recordValue(latencyNanos);
                int i = running % TRACKED;
                longest[i] = Math.max(longest[i], latencyNanos);
                if (firstSeenNanos[i] == 0) {
                    firstSeenNanos[i] = System.nanoTime();
                }
            }
        }
    }

    /**
     * After the phase: adds the {@value #DURING} and {@value #BETWEEN} windows to {@code windows} and their seconds
     * to {@code windowSeconds} when a checkpoint ran, and returns the checkpoints that ran.
     */
    List<Seen> finish(double phaseSeconds, Map<String, Map<Op, Histogram>> windows, Map<String, Double> windowSeconds) {
        long endMicros = System.currentTimeMillis() * 1000;
        List<Seen> seen = new ArrayList<>();
        double duringSeconds = 0;
        for (CheckpointReport r : target.checkpoints()) {
            long rEnd = r.startedMicros() + r.durationNanos() / 1000;
            if (rEnd < startMicros || r.startedMicros() > endMicros) {
                continue;
            }
            duringSeconds += (Math.min(rEnd, endMicros) - Math.max(r.startedMicros(), startMicros)) / 1e6;
            seen.add(new Seen(r.number(), r.sequence(), r.endSequence(), r.entries(), r.durationNanos() / 1e6,
                    longestDuring(r.number()) / 1e3));
        }
        int running = target.runningCheckpoint();
        if (running != 0 && seen.stream().noneMatch(c -> c.number() == running)) {
            seen.add(new Seen(running, -1, -1, -1, -1, longestDuring(running) / 1e3));
            long first = Long.MAX_VALUE;
            for (Part p : parts) {
                long f = p.firstSeenNanos[running % TRACKED];
                first = f == 0 ? first : Math.min(first, f);
            }
            if (first != Long.MAX_VALUE) { // from the first call that completed while it ran
                duringSeconds += (System.nanoTime() - first) / 1e9;
            }
        }
        if (!seen.isEmpty()) {
            windows.put(DURING, merge(true));
            windows.put(BETWEEN, merge(false));
            windowSeconds.put(DURING, duringSeconds);
            windowSeconds.put(BETWEEN, Math.max(0, phaseSeconds - duringSeconds));
        }
        return seen;
    }

    private long longestDuring(int checkpoint) {
        long longest = 0;
        for (Part p : parts) {
            longest = Math.max(longest, p.longest[checkpoint % TRACKED]);
        }
        return longest;
    }

    private Map<Op, Histogram> merge(boolean during) {
        Map<Op, Histogram> out = new EnumMap<>(Op.class);
        for (Part p : parts) {
            (during ? p.during : p.between).forEach((op, h) ->
                    out.computeIfAbsent(op, o -> new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3)).add(h));
        }
        return out;
    }
}
