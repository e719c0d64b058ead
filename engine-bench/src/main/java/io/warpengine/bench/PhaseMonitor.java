package io.warpengine.bench;

import io.warpengine.console.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Watches a running phase: a progress bar on the terminal (elapsed time, operations done, current rate) and
 * the operations completed in each whole second, kept for the report.
 */
final class PhaseMonitor implements AutoCloseable {

    private static final long TICK_MILLIS = 250;

    private final LongAdder done = new LongAdder();
    private final List<Long> perSecond = new ArrayList<>();
    private final Thread sampler;
    private final Progress bar;
    /** Whether the bar counts operations (a load of known size) rather than the phase's seconds. */
    private final boolean byOperations;
    private final long startNanos = System.nanoTime();
    private volatile boolean stopped;

    /**
     * @param task        what the bar is labelled with
     * @param plannedMillis expected length of the phase (the bar's 100%)
     * @param show        false to keep the terminal quiet; the bar is drawn (on stderr) only when stderr is a terminal
     */
    PhaseMonitor(String task, long plannedMillis, boolean show) {
        this(Progress.timed(task, plannedMillis, show), false);
    }

    private PhaseMonitor(Progress bar, boolean byOperations) {
        this.bar = bar;
        this.byOperations = byOperations;
        this.sampler = new Thread(this::sample, "bench-progress");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** A monitor whose bar counts {@code operations} to do (the load phase), not seconds. */
    static PhaseMonitor ofOperations(String task, long operations, boolean show) {
        return new PhaseMonitor(Progress.operations(task, operations, show), true);
    }

    /** Counts one completed operation; called by the load threads. */
    void completed() {
        done.increment();
    }

    void completed(long n) {
        done.add(n);
    }

    long done() {
        return done.sum();
    }

    private void sample() {
        long lastSecondCount = 0;
        long nextSecond = startNanos + 1_000_000_000L;
        long lastCount = 0;
        long lastTick = startNanos;
        while (!stopped) {
            try {
                Thread.sleep(TICK_MILLIS); // a sampling period, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long count = done.sum();
            if (now >= nextSecond) {
                synchronized (perSecond) {
                    perSecond.add(count - lastSecondCount);
                }
                lastSecondCount = count;
                nextSecond += 1_000_000_000L;
            }
            double rate = (count - lastCount) / ((now - lastTick) / 1e9);
            if (byOperations) {
                bar.stepTo(count); // the bar shows the count and its rate itself
            } else {
                bar.stepTo((now - startNanos) / 1_000_000);
                bar.message(String.format(Locale.ROOT, " %,d ops  %,.0f ops/s", count, rate));
            }
            lastCount = count;
            lastTick = now;
        }
    }

    /** Operations completed in each whole second so far. */
    List<Long> perSecondRates() {
        synchronized (perSecond) {
            return List.copyOf(perSecond);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bar.close();
    }
}
