package io.warpengine.core;

import java.util.concurrent.locks.LockSupport;

/**
 * The reply of a synchronous call: one per caller thread, reused, so a blocked {@code put} allocates no future.
 * The caller spins briefly, then yields for a bounded time (the reply usually arrives then, and the shard
 * thread pays no wake-up syscall), then parks; the shard thread unparks it only if it parked.
 */
public final class SyncReply implements Reply {

    /** About 1-3 µs: covers a round trip to an idle handler, so a reply usually arrives before a context switch. */
    private static final int SPINS = 256;

    private final Thread owner = Thread.currentThread();
    private final long yieldNanos;
    private volatile boolean done;
    private volatile boolean parked;
    private long sequence;
    private int shard;
    private boolean existed;
    private RuntimeException failure;

    public SyncReply(long yieldNanos) {
        this.yieldNanos = yieldNanos;
    }

    /** Readies the reply for the next call; the ring's publish makes this visible to the shard thread. */
    public void reset() {
        failure = null;
        done = false;
    }

    @Override
    public void complete(long sequence, int shard, boolean existed) {
        this.sequence = sequence;
        this.shard = shard;
        this.existed = existed;
        release();
    }

    @Override
    public void fail(RuntimeException cause) {
        this.failure = cause;
        release();
    }

    private void release() {
        done = true;
        if (parked) {
            LockSupport.unpark(owner);
        }
    }

    /** Waits for the outcome; rethrows a failure. */
    public void await() {
        for (int i = 0; i < SPINS && !done; i++) {
            Thread.onSpinWait();
        }
        if (!done && yieldNanos > 0) {
            long deadline = System.nanoTime() + yieldNanos;
            while (!done && System.nanoTime() < deadline) {
                Thread.yield();
            }
        }
        if (!done) {
            parked = true;
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            parked = false;
            if (interrupted) {
                owner.interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    public long sequence() {
        return sequence;
    }

    public int shard() {
        return shard;
    }

    public boolean existed() {
        return existed;
    }
}
