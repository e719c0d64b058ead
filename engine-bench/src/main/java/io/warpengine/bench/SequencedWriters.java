package io.warpengine.bench;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The writer threads of {@code bench recovery}: thread {@code t} puts the writes of its {@link WriteSequence}
 * synchronously, one after the other, and after each {@code put} returns publishes how many of its writes are
 * acknowledged. Each phase continues every thread's sequence where the previous one left it.
 */
final class SequencedWriters {

    static final OpMix PUTS = OpMix.parse("put");
    /** Longs between two threads' counters (128 bytes), so that no two writers publish into one cache line. */
    private static final int STRIDE = 16;

    private final Target target;
    private final WriteSequence sequence;
    private final ClosedLoop loop;
    private final WriteSequence.Cursor[] cursors;
    private final AtomicLongArray acknowledged;

    SequencedWriters(Target target, Workload workload, WriteSequence sequence, boolean showProgress) {
        this.target = target;
        this.sequence = sequence;
        this.loop = new ClosedLoop(target, workload, sequence.threads(), showProgress);
        this.cursors = new WriteSequence.Cursor[sequence.threads()];
        for (int t = 0; t < cursors.length; t++) {
            cursors[t] = sequence.cursor(t);
        }
        this.acknowledged = new AtomicLongArray(cursors.length * STRIDE);
    }

    /**
     * Writes {@code operations} PUTs in two measured phases: {@code write}, the first half, which also warms the
     * JIT, then {@code before stop}, the rest, whose rate is the one before the stop. A phase of no writes is left out.
     */
    List<PhaseResult> write(long operations) throws InterruptedException {
        long first = operations / 2;
        if (first == 0) {
            return List.of(phase("before stop", 0, operations));
        }
        PhaseResult write = phase("write", 0, first);
        return List.of(write, phase("before stop", 0, operations - first));
    }

    /** Writes until the process is killed (the child of {@code --stop sigkill}): never returns. */
    void writeUntilKilled() throws InterruptedException {
        phase("until killed", Double.POSITIVE_INFINITY, 0);
        throw new IllegalStateException("the writers stopped before the process was killed");
    }

    private PhaseResult phase(String name, double seconds, long operations) throws InterruptedException {
        return loop.run(name, Collections.nCopies(cursors.length, PUTS), seconds, operations, this::calls);
    }

    private long calls(int id, ClosedLoop.Recorder recorder, ClosedLoop.Stop stop, long quota) {
        WriteSequence.Cursor cursor = cursors[id];
        long n = 0;
        while (!stop.stopped && n < quota && !Cancellation.requested()) {
            String key = sequence.key(cursor.next());
            long t0 = System.nanoTime();
            target.put(key, cursor.value());
            acknowledged.setRelease(id * STRIDE, cursor.position());
            recorder.record(Op.PUT, t0);
            n++;
        }
        return n;
    }

    /** How many writes of each thread's sequence had returned from {@code put}: read while they run, or after. */
    long[] acknowledged() {
        long[] counts = new long[cursors.length];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = acknowledged.getAcquire(t * STRIDE);
        }
        return counts;
    }
}
