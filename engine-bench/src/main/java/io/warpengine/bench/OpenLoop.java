package io.warpengine.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at an offered rate: operation k is due at a time fixed by the schedule, whatever happened
 * before it, and its latency runs from that due time to its completion. A stall therefore counts against
 * every operation that should have started during it (no coordinated omission, as in wrk2). Operations are
 * dealt round-robin to N synchronous caller threads.
 */
final class OpenLoop {

    /** Below this much time to the due time a caller yields instead of parking (parking overshoots ~60 µs). */
    private static final long PARK_THRESHOLD_NANOS = 200_000;
    private static final long PARK_MARGIN_NANOS = 100_000;

    private final Target target;
    private final Workload workload;
    private final int threads;
    private final boolean showProgress;

    OpenLoop(Target target, Workload workload, int threads, boolean showProgress) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        this.target = target;
        this.workload = workload;
        this.threads = threads;
        this.showProgress = showProgress;
    }

    /** Offers the mix at the schedule's rate for {@code seconds}. */
    PhaseResult run(String name, OpMix mix, RateSchedule schedule, double seconds) throws InterruptedException {
        return run(name, mix, schedule, seconds, null);
    }

    /**
     * Offers the mix at the schedule's rate for {@code seconds}, also recording each call into {@code soak}'s
     * windows of wall-clock time when it is not null.
     */
    PhaseResult run(String name, OpMix mix, RateSchedule schedule, double seconds, SoakRecorder soak)
            throws InterruptedException {
        List<String> windows = schedule.windows();
        List<Histogram[][]> perThread = new ArrayList<>();
        long[] counts = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] startNanos = new long[1];
        PhaseMonitor progress = new PhaseMonitor(target.name() + " " + name, (long) (seconds * 1000), showProgress);
        CheckpointWindows checkpoints = new CheckpointWindows(target);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Histogram[][] histograms = new Histogram[windows.size()][Op.values().length];
            for (Histogram[] byOp : histograms) {
                for (Op op : mix.ops()) {
                    byOp[op.ordinal()] = new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3);
                }
            }
            perThread.add(histograms);
            CheckpointWindows.Part split = checkpoints.part(mix.ops());
            SoakRecorder.Part soakPart = soak == null ? null : soak.part(mix.ops());
            workers.add(ClosedLoop.start("open-" + t, () -> {
                SplittableRandom rnd = new SplittableRandom(id * 7919L + 17);
                ready.countDown();
                ClosedLoop.await(go);
                long start = startNanos[0];
                long n = 0;
                for (long k = id; ; k += threads) {
                    double due = schedule.dueSeconds(k);
                    if (due >= seconds || Cancellation.requested()) {
                        break;
                    }
                    long dueNanos = start + (long) (due * 1e9);
                    waitUntil(dueNanos);
                    Op op = mix.next(rnd);
                    ClosedLoop.call(target, workload, mix, op, workload.nextKey(op, rnd), n, rnd);
                    long latency = Math.min(System.nanoTime() - dueNanos, ClosedLoop.MAX_LATENCY_NANOS);
                    histograms[schedule.windowAt(due)][op.ordinal()].recordValue(latency);
                    split.record(op, latency);
                    if (soakPart != null) {
                        soakPart.record(op, latency);
                    }
                    progress.completed();
                    n++;
                }
                counts[id] = n;
            }));
        }
        ready.await();
        startNanos[0] = System.nanoTime();
        go.countDown();
        if (soak != null) { // after the go: starting its thread must not make the first calls late
            soak.start(startNanos[0]);
        }
        ClosedLoop.join(workers);
        double elapsed = (System.nanoTime() - startNanos[0]) / 1e9;
        if (soak != null) {
            soak.finish(elapsed);
        }
        progress.close();
        Cancellation.check();
        Map<String, Map<Op, Histogram>> byWindow = merge(windows, mix, perThread);
        Map<String, Double> windowSeconds = new LinkedHashMap<>(schedule.windowSeconds(Math.min(elapsed, seconds)));
        List<CheckpointWindows.Seen> seen = checkpoints.finish(elapsed, byWindow, windowSeconds);
        return new PhaseResult(name, "open", schedule.offeredPerSecond(), elapsed, sum(counts),
                progress.perSecondRates(), windowSeconds, byWindow, seen);
    }

    private static void waitUntil(long dueNanos) {
        long now;
        while ((now = System.nanoTime()) < dueNanos) {
            long gap = dueNanos - now;
            if (gap > PARK_THRESHOLD_NANOS) {
                LockSupport.parkNanos(gap - PARK_MARGIN_NANOS);
            } else {
                Thread.yield(); // not a spin: on few cores the engine's threads need this core
            }
        }
    }

    private static Map<String, Map<Op, Histogram>> merge(List<String> windows, OpMix mix, List<Histogram[][]> perThread) {
        Map<String, Map<Op, Histogram>> out = new LinkedHashMap<>();
        Map<Op, Histogram> all = new EnumMap<>(Op.class);
        for (int w = 0; w < windows.size(); w++) {
            Map<Op, Histogram> byOp = new EnumMap<>(Op.class);
            for (Op op : mix.ops()) {
                Histogram h = new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3);
                for (Histogram[][] thread : perThread) {
                    h.add(thread[w][op.ordinal()]);
                }
                byOp.put(op, h);
                all.computeIfAbsent(op, o -> new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3)).add(h);
            }
            out.put(windows.get(w), byOp);
        }
        if (!out.containsKey(PhaseResult.ALL)) {
            Map<String, Map<Op, Histogram>> withAll = new LinkedHashMap<>();
            withAll.put(PhaseResult.ALL, all);
            withAll.putAll(out);
            return withAll;
        }
        return out;
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
