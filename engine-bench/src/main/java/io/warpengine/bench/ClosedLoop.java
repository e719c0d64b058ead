package io.warpengine.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load: N threads each call the target synchronously, back to back, and record every call's
 * latency in their own HdrHistograms; a phase ends after a duration or an operation count.
 */
final class ClosedLoop {

    static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Target target;
    private final Workload workload;
    private final int threads;
    private final boolean showProgress;
    private final int inFlight;

    ClosedLoop(Target target, Workload workload, int threads, boolean showProgress) {
        this(target, workload, threads, 1, showProgress);
    }

    /**
     * @param inFlight writes each thread keeps in flight: 1 calls the synchronous API; more use the async API and
     *                 wait for the oldest write only when that many are pending (latency: issue to collection)
     */
    ClosedLoop(Target target, Workload workload, int threads, int inFlight, boolean showProgress) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("--in-flight must be at least 1, was " + inFlight);
        }
        this.target = target;
        this.workload = workload;
        this.threads = threads;
        this.inFlight = inFlight;
        this.showProgress = showProgress;
    }

    /** Puts every key once, the keys split between the threads; returns the elapsed seconds. */
    double load() throws InterruptedException {
        long start = System.nanoTime();
        try (PhaseMonitor progress = PhaseMonitor.ofOperations(target.name() + " load", workload.keyCount(), showProgress)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                workers.add(start("load-" + t, () -> {
                    for (int i = first; i < workload.keyCount() && !Cancellation.requested(); i += threads) {
                        target.put(workload.key(i), workload.value(i));
                        progress.completed();
                    }
                }));
            }
            join(workers);
        }
        Cancellation.check();
        return (System.nanoTime() - start) / 1e9;
    }

    /** A set of threads that run one mix, e.g. the writers or the readers of a phase. */
    record Group(OpMix mix, int threads) {
        Group {
            if (threads < 1) {
                throw new IllegalArgumentException("a thread group of mix " + mix.name() + " needs a thread, had " + threads);
            }
        }
    }

    /**
     * Runs the mix from every thread until {@code seconds} have passed or, when {@code operations > 0}, until
     * that many operations are done.
     */
    PhaseResult run(OpMix mix, double seconds, long operations) throws InterruptedException {
        return run(mix.name(), List.of(new Group(mix, threads)), seconds, operations);
    }

    /**
     * Runs every group's threads at once, each thread its group's mix, under the phase name {@code name}; the
     * histograms of an operation merge across groups. The constructor's thread count is not used here.
     */
    PhaseResult run(String name, List<Group> groups, double seconds, long operations) throws InterruptedException {
        List<OpMix> mixOf = new ArrayList<>(); // each thread's mix
        for (Group g : groups) {
            mixOf.addAll(Collections.nCopies(g.threads(), g.mix()));
        }
        return run(name, mixOf, seconds, operations, (id, recorder, stop, quota) -> {
            SplittableRandom rnd = new SplittableRandom(id * 7919L + 17);
            OpMix mix = mixOf.get(id);
            return inFlight == 1 ? synchronousCalls(mix, rnd, recorder, stop, quota)
                    : pipelinedCalls(mix, rnd, recorder, stop, quota);
        });
    }

    /** What one caller thread does in a phase. */
    interface Caller {
        /**
         * Calls the target until {@code stop} says so or {@code quota} calls are done, recording each; returns how
         * many calls it made. {@code id} numbers the thread from 0.
         */
        long calls(int id, Recorder recorder, Stop stop, long quota);
    }

    /**
     * Runs one {@code caller} per entry of {@code mixOf} (the operations that thread records) until {@code seconds}
     * have passed or, when {@code operations > 0}, until exactly that many calls are done, split between the
     * threads.
     */
    PhaseResult run(String name, List<OpMix> mixOf, double seconds, long operations, Caller caller)
            throws InterruptedException {
        int callers = mixOf.size();
        List<Map<Op, Histogram>> perThread = new ArrayList<>();
        long[] counts = new long[callers];
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        PhaseMonitor progress = operations > 0 // a count of operations is the bar's 100%, else the phase's seconds
                ? PhaseMonitor.ofOperations(target.name() + " " + name, operations, showProgress)
                : new PhaseMonitor(target.name() + " " + name, (long) (seconds * 1000), showProgress);
        Stop stop = new Stop();
        CheckpointWindows checkpoints = new CheckpointWindows(target);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int id = t;
            // The first threads take one call more when the count does not divide: the phase does exactly that many.
            long quota = operations > 0 ? operations / callers + (t < operations % callers ? 1 : 0) : Long.MAX_VALUE;
            OpMix mix = mixOf.get(t);
            Map<Op, Histogram> histograms = new EnumMap<>(Op.class);
            for (Op op : mix.ops()) {
                histograms.put(op, new Histogram(MAX_LATENCY_NANOS, 3));
            }
            perThread.add(histograms);
            Recorder recorder = new Recorder(histograms, checkpoints.part(mix.ops()), progress);
            workers.add(start("bench-" + t, () -> {
                ready.countDown();
                await(go);
                counts[id] = caller.calls(id, recorder, stop, quota);
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        if (operations <= 0) {
            Cancellation.sleep((long) (seconds * 1000)); // the phase's duration, or less when cancelled
            stop.stopped = true;
        }
        join(workers);
        double elapsed = (System.nanoTime() - start) / 1e9;
        progress.close();
        Cancellation.check();
        Map<Op, Histogram> all = new EnumMap<>(Op.class);
        long total = 0;
        for (int t = 0; t < callers; t++) {
            perThread.get(t).forEach((op, h) -> all.computeIfAbsent(op, o -> new Histogram(MAX_LATENCY_NANOS, 3)).add(h));
            total += counts[t];
        }
        Map<String, Map<Op, Histogram>> windows = new LinkedHashMap<>();
        windows.put(PhaseResult.ALL, all);
        Map<String, Double> windowSeconds = new LinkedHashMap<>();
        windowSeconds.put(PhaseResult.ALL, elapsed);
        List<CheckpointWindows.Seen> seen = checkpoints.finish(elapsed, windows, windowSeconds);
        return new PhaseResult(name, "closed", 0, elapsed, total, progress.perSecondRates(), windowSeconds, windows,
                seen);
    }

    /** A caller thread's latency sinks: its histograms, its part of the checkpoint split, the progress count. */
    record Recorder(Map<Op, Histogram> histograms, CheckpointWindows.Part checkpoints, PhaseMonitor progress) {
        void record(Op op, long startNanos) {
            long latency = Math.min(System.nanoTime() - startNanos, MAX_LATENCY_NANOS);
            histograms.get(op).recordValue(latency);
            checkpoints.record(op, latency);
            progress.completed();
        }
    }

    private long synchronousCalls(OpMix mix, SplittableRandom rnd, Recorder recorder, Stop stop, long quota) {
        long n = 0;
        while (!stop.stopped && n < quota && !Cancellation.requested()) {
            Op op = mix.next(rnd);
            String key = workload.nextKey(op, rnd);
            long t0 = System.nanoTime();
            call(target, workload, mix, op, key, n, rnd);
            recorder.record(op, t0);
            n++;
        }
        return n;
    }

    /** Keeps up to {@code inFlight} PUTs and DELETEs pending; the other operations stay synchronous. */
    private long pipelinedCalls(OpMix mix, SplittableRandom rnd, Recorder recorder, Stop stop, long quota) {
        CompletableFuture<?>[] pending = new CompletableFuture<?>[inFlight];
        long[] issued = new long[inFlight];
        Op[] ops = new Op[inFlight];
        int oldest = 0;
        int count = 0;
        long n = 0;
        while (!stop.stopped && n < quota && !Cancellation.requested()) {
            if (count == inFlight) {
                pending[oldest].join();
                recorder.record(ops[oldest], issued[oldest]);
                oldest = (oldest + 1) % inFlight;
                count--;
            }
            Op op = mix.next(rnd);
            String key = workload.nextKey(op, rnd);
            long t0 = System.nanoTime();
            if (op != Op.PUT && op != Op.DELETE) {
                call(target, workload, mix, op, key, n, rnd);
                recorder.record(op, t0);
            } else {
                int slot = (oldest + count) % inFlight;
                pending[slot] = op == Op.PUT ? target.putAsync(key, workload.value(n)) : target.deleteAsync(key);
                issued[slot] = t0;
                ops[slot] = op;
                count++;
            }
            n++;
        }
        for (; count > 0; count--, oldest = (oldest + 1) % inFlight) {
            pending[oldest].join();
            recorder.record(ops[oldest], issued[oldest]);
        }
        return n;
    }

    /**
     * One operation on {@code key} (a BATCH draws its other keys from {@code rnd}); a GET or QUANTUM_GET that finds
     * nothing fails the run unless the mix deletes keys.
     */
    static void call(Target target, Workload workload, OpMix mix, Op op, String key, long n, SplittableRandom rnd) {
        switch (op) {
            case PUT -> target.put(key, workload.value(n));
            case GET -> {
                if (target.get(key) == null && !mix.mayMiss()) {
                    throw new IllegalStateException("benchmark key " + key + " is missing from " + target.name());
                }
            }
            case DELETE -> target.delete(key);
            case QUANTUM_GET -> {
                if (target.quantumGet(key, workload) < 0 && !mix.mayMiss()) {
                    throw new IllegalStateException("benchmark key " + key + " is missing from " + target.name());
                }
            }
            case BATCH -> target.batch(workload.batchKeys(key, rnd), workload.value(n));
        }
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    static void join(List<Thread> workers) throws InterruptedException {
        for (Thread w : workers) {
            w.join();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Set when a timed phase's seconds are up; every caller checks it between calls. */
    static final class Stop {
        volatile boolean stopped;
    }
}
