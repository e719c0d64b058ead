package io.warpengine.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load: N threads each call the target synchronously, back to back, and record every call's
 * latency (nanoseconds) in their own HdrHistogram; the phase ends after a duration.
 */
final class LoadRunner {

    enum Op { PUT, GET }

    /** Throughput and latency of one phase. */
    record PhaseResult(Op op, long operations, double seconds, Histogram latencyNanos) {
        double opsPerSecond() {
            return operations / seconds;
        }
    }

    private final Target target;
    private final String[] keys;
    private final byte[][] values;
    private final int threads;

    LoadRunner(Target target, String[] keys, byte[][] values, int threads) {
        this.target = target;
        this.keys = keys;
        this.values = values;
        this.threads = threads;
    }

    /** Puts every key once, the keys split between the threads; returns the elapsed seconds. */
    double load() throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            workers.add(start("load-" + t, () -> {
                for (int i = first; i < keys.length; i += threads) {
                    target.put(keys[i], values[i % values.length]);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Runs {@code op} on uniformly random keys from every thread for {@code seconds}. */
    PhaseResult run(Op op, double seconds) throws InterruptedException {
        Histogram[] histograms = new Histogram[threads];
        long[] counts = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Stop stop = new Stop();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            histograms[t] = h;
            workers.add(start("bench-" + t, () -> {
                SplittableRandom rnd = new SplittableRandom(id * 7919L + 17);
                ready.countDown();
                await(go);
                long n = 0;
                while (!stop.stopped) {
                    String key = keys[rnd.nextInt(keys.length)];
                    long t0 = System.nanoTime();
                    if (op == Op.PUT) {
                        target.put(key, values[(int) (n % values.length)]);
                    } else if (target.get(key) == null) {
                        throw new IllegalStateException("benchmark key " + key + " is missing from " + target.name());
                    }
                    h.recordValue(System.nanoTime() - t0);
                    n++;
                }
                counts[id] = n;
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000)); // the phase's duration, not a synchronisation
        stop.stopped = true;
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long total = 0;
        for (int t = 0; t < threads; t++) {
            all.add(histograms[t]);
            total += counts[t];
        }
        return new PhaseResult(op, total, elapsed, all);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class Stop {
        volatile boolean stopped;
    }
}
