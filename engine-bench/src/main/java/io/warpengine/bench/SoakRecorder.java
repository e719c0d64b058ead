package io.warpengine.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Cuts an open-loop phase into windows of wall-clock time for the soak report: per window, the latency of the
 * calls that completed in it, and the heap after GC, journal bytes and RSS read when it closed.
 *
 * <p>Each caller thread records into its own {@link Part}, one {@link SingleWriterRecorder} per operation: recording
 * takes no lock, and memory stays the same however many windows the run has (histograms kept per window would
 * need ~220 KB per thread, operation and window, 2 GB for a 10-minute run in 1-second windows). A sampler thread
 * closes each window at its boundary: it swaps out every part's interval histogram, merges them, and reads the
 * resources at that same moment. A call counts in the window it completed in; its latency still runs from its due
 * time, as in the phase's own histograms.
 */
final class SoakRecorder {

    private final Target target;
    private final double windowSeconds;
    private final double plannedSeconds;
    private final SoakWindow.Resources atStart;
    private final List<Part> parts = new ArrayList<>();
    private final List<SoakWindow> windows = new ArrayList<>();
    private final Map<Op, Histogram> merged = new EnumMap<>(Op.class); // reset and refilled for each window
    private final Histogram all = newHistogram();
    private Thread sampler;
    private volatile boolean stopped;
    private long startNanos;
    private double windowStart;

    /**
     * Reads the resources at the start now: create it just before the phase.
     *
     * @param target         what the phase loads, whose journal bytes each window reads
     * @param windowSeconds  length of a window
     * @param plannedSeconds the phase's planned length: the last window runs from the last boundary to the phase's
     *                       end and lasts between half a window and one and a half
     */
    SoakRecorder(Target target, double windowSeconds, double plannedSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("the window must be positive, was " + windowSeconds + " s");
        }
        this.target = target;
        this.windowSeconds = windowSeconds;
        this.plannedSeconds = plannedSeconds;
        this.atStart = SoakWindow.Resources.of(target);
    }

    /** One caller thread's recorder, for the operations it may call. */
    synchronized Part part(Iterable<Op> ops) {
        Part part = new Part(ops);
        parts.add(part);
        return part;
    }

    /** One caller thread's recorders; only that thread may call {@link #record}. */
    static final class Part {
        private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[Op.values().length];
        private final Histogram[] intervals = new Histogram[Op.values().length]; // recycled between windows

        private Part(Iterable<Op> ops) {
            for (Op op : ops) {
                recorders[op.ordinal()] = new SingleWriterRecorder(ClosedLoop.MAX_LATENCY_NANOS, 3);
            }
        }

        /** Records one completed call; {@code latencyNanos} at most {@link ClosedLoop#MAX_LATENCY_NANOS}. */
        void record(Op op, long latencyNanos) {
            recorders[op.ordinal()].recordValue(latencyNanos);
        }

        /** Adds what was recorded since the last call to {@code into}, by operation. */
        private void drainInto(Map<Op, Histogram> into) {
            for (Op op : Op.values()) {
                SingleWriterRecorder r = recorders[op.ordinal()];
                if (r != null) {
                    intervals[op.ordinal()] = r.getIntervalHistogram(intervals[op.ordinal()]);
                    into.computeIfAbsent(op, o -> newHistogram()).add(intervals[op.ordinal()]);
                }
            }
        }
    }

    /** Starts the windows' clock at {@code phaseStartNanos} ({@link System#nanoTime()} when the callers go). */
    void start(long phaseStartNanos) {
        startNanos = phaseStartNanos;
        sampler = new Thread(this::closeWindowsOnTime, "bench-soak");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void closeWindowsOnTime() {
        for (int k = 1; (k + 1) * windowSeconds <= plannedSeconds + windowSeconds / 2; k++) {
            long boundary = startNanos + (long) (k * windowSeconds * 1e9);
            long now;
            while (!stopped && (now = System.nanoTime()) < boundary) {
                LockSupport.parkNanos(boundary - now);
            }
            if (stopped) {
                return;
            }
            close((System.nanoTime() - startNanos) / 1e9); // the time it closed, if the sampler woke late
        }
    }

    /** After the callers are done: stops the sampler and closes the last window at {@code elapsedSeconds}. */
    void finish(double elapsedSeconds) {
        stopped = true;
        // Woken, not interrupted: an interrupt landing in the baseline's FileChannel.size() would close its log.
        LockSupport.unpark(sampler);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(Math.max(elapsedSeconds, windowStart));
    }

    private synchronized void close(double endSeconds) {
        merged.values().forEach(Histogram::reset);
        for (Part p : parts) {
            p.drainInto(merged);
        }
        all.reset();
        Map<Op, Double> p99ByOp = new EnumMap<>(Op.class);
        merged.forEach((op, h) -> {
            all.add(h);
            if (h.getTotalCount() > 0) {
                p99ByOp.put(op, h.getValueAtPercentile(99) / 1000.0);
            }
        });
        SoakWindow.Resources before = windows.isEmpty() ? atStart : windows.get(windows.size() - 1).atEnd();
        SoakWindow.Resources now = SoakWindow.Resources.of(target);
        windows.add(new SoakWindow(windows.size() + 1, windowStart, endSeconds,
                LatencySummary.of(all, endSeconds - windowStart), p99ByOp, now.collections() - before.collections(),
                now));
        windowStart = endSeconds;
    }

    /** The resources read when this recorder was created. */
    SoakWindow.Resources atStart() {
        return atStart;
    }

    /** The windows closed so far, in order (all of them after {@link #finish}). */
    synchronized List<SoakWindow> windows() {
        return List.copyOf(windows);
    }

    double windowSeconds() {
        return windowSeconds;
    }

    private static Histogram newHistogram() {
        return new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3);
    }
}
