package io.warpengine.core;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Spin, then yield, then block: a handler under load never sleeps, an idle engine uses no CPU.
 *
 * <p>Unlike the Disruptor's {@code PhasedBackoffWaitStrategy} with a lite lock, a publish costs one volatile
 * read while no handler is blocked, instead of an atomic read-modify-write on a line shared by every core.
 * The handshake: a handler sets {@code blocked} and then re-reads the cursor; a publisher advances the cursor
 * and then reads {@code blocked}; both are volatile, so at least one of them sees the other.
 */
public final class PhasedWaitStrategy implements WaitStrategy {

    private static final int SPINS_BETWEEN_CLOCK_READS = 100;

    private final long spinNanos;
    private final long yieldNanos;
    private final Object mutex = new Object();
    private volatile boolean blocked;

    /** The engine's {@code phased} setting: spin 10 µs, then yield up to 1 ms, then block. */
    public static PhasedWaitStrategy engineDefault() {
        return new PhasedWaitStrategy(TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
    }

    PhasedWaitStrategy(long spinNanos, long yieldNanos) {
        this.spinNanos = spinNanos;
        this.yieldNanos = yieldNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available;
        long start = 0;
        int counter = SPINS_BETWEEN_CLOCK_READS;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (--counter > 0) {
                Thread.onSpinWait();
                continue;
            }
            counter = SPINS_BETWEEN_CLOCK_READS;
            long now = System.nanoTime();
            if (start == 0) {
                start = now;
            } else if (now - start > spinNanos + yieldNanos && cursor.get() < sequence) {
                block(sequence, cursor, barrier); // only publishes signal, so block only on the cursor
            } else if (now - start > spinNanos) {
                Thread.yield();
            }
        }
        return available;
    }

    private void block(long sequence, Sequence cursor, SequenceBarrier barrier) throws AlertException, InterruptedException {
        synchronized (mutex) {
            while (cursor.get() < sequence) {
                blocked = true;
                if (cursor.get() >= sequence) {
                    break;
                }
                barrier.checkAlert();
                mutex.wait();
            }
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        if (blocked) {
            synchronized (mutex) {
                blocked = false;
                mutex.notifyAll();
            }
        }
    }
}
