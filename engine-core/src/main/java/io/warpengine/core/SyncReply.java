package io.warpengine.core;

import java.util.concurrent.locks.LockSupport;

/**
 * The reply of a synchronous call: one per caller thread, reused, so a blocked {@code put} allocates no future.
 * A caller whose command another caller is writing (that one holds the writer role) spins briefly, then yields
 * for a bounded time (the reply usually arrives then, and the leader pays no wake-up syscall), then parks; the
 * leader unparks it only if it parked. While it spins or yields it takes the role itself if the role falls free
 * with its command still pending (its publisher may have been descheduled before it could lead).
 */
public final class SyncReply implements Reply {

    /** Spins at least this many times (1-3 µs), and reads the clock and tries the role every {@link #CHECK} spins. */
    private static final int MIN_SPINS = 256;
    private static final int CHECK = 32;

    private final Thread owner = Thread.currentThread();
    private final long spinNanos;
    private final long yieldNanos;
    private volatile boolean done;
    private volatile boolean parked;
    private long sequence;
    private int logicalShard;
    private int shard;
    private boolean existed;
    private RuntimeException failure;

    /**
     * @param spinNanos  how long to spin for the outcome (at least {@value #MIN_SPINS} spins)
     * @param yieldNanos how long to yield after that before parking
     */
    public SyncReply(long spinNanos, long yieldNanos) {
        this.spinNanos = spinNanos;
        this.yieldNanos = yieldNanos;
    }

    /** Readies the reply for the next call; the ring's publish makes this visible to the writer role. */
    void reset() {
        failure = null;
        done = false;
    }

    @Override
    public void complete(long sequence, int logicalShard, int shard, boolean existed) {
        this.sequence = sequence;
        this.logicalShard = logicalShard;
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
    void await(WriterRole role) {
        long spinStart = 0;
        for (int i = 1; !done; i++) {
            Thread.onSpinWait();
            if (i % CHECK == 0) {
                role.lead();
                if (i >= MIN_SPINS) {
                    long now = System.nanoTime();
                    if (spinStart == 0) {
                        spinStart = now;
                    } else if (now - spinStart >= spinNanos) {
                        break;
                    }
                }
            }
        }
        if (!done && yieldNanos > 0) {
            long deadline = System.nanoTime() + yieldNanos;
            while (!done && System.nanoTime() < deadline) {
                Thread.yield();
                role.lead();
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

    /** The logical shard of a single-key command's key as it applied. */
    public int logicalShard() {
        return logicalShard;
    }

    public int shard() {
        return shard;
    }

    public boolean existed() {
        return existed;
    }
}
