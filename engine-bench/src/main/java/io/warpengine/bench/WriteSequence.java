package io.warpengine.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The writes of {@code bench recovery}, made checkable after a crash: writer thread {@code t} of {@code threads}
 * owns its own slice of the workload's keys (no other thread writes them) and draws its keys from that slice, with
 * the workload's distribution, from a random generator seeded by {@code t} alone. Its {@code c}-th write (counting
 * from 0) is therefore the same in every process that replays the sequence, and its value names it: the first
 * {@link #HEADER_BYTES} bytes hold {@code t} and {@code c}, the rest is the thread's own filler. So a stored value
 * tells which write put it there, and whether that write belongs to the key.
 */
final class WriteSequence {

    /** Value bytes that name the write: the thread in the top 24 bits of a big-endian long, its counter below. */
    static final int HEADER_BYTES = 8;
    private static final int COUNTER_BITS = 40;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    private static final VarHandle HEADER = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Workload workload;
    private final int threads;
    private final int valueSize;
    /** Each thread's value bytes after the header: one of the workload's values, so sizes and content are its. */
    private final byte[][] fillers;

    WriteSequence(Workload workload, int threads) {
        int valueSize = workload.value(0).length;
        // RecoveryCommand refuses such options first, naming them; this guards other callers.
        if (threads < 1 || threads > workload.keyCount() || valueSize < HEADER_BYTES) {
            throw new IllegalArgumentException("a write sequence needs a key per thread and values of at least "
                    + HEADER_BYTES + " bytes: " + threads + " threads, " + workload.keyCount() + " keys, " + valueSize
                    + "-byte values");
        }
        this.workload = workload;
        this.threads = threads;
        this.valueSize = valueSize;
        this.fillers = new byte[threads][];
        for (int t = 0; t < threads; t++) {
            fillers[t] = workload.value(t);
        }
    }

    int threads() {
        return threads;
    }

    /** The index of thread {@code t}'s first key; its slice runs to the next thread's first key. */
    int firstKey(int t) {
        return (int) ((long) workload.keyCount() * t / threads);
    }

    int keysOf(int t) {
        return firstKey(t + 1) - firstKey(t);
    }

    String key(int index) {
        return workload.key(index);
    }

    /** Thread {@code t}'s writes from its first one. */
    Cursor cursor(int t) {
        return new Cursor(t);
    }

    /**
     * The thread that wrote {@code value} and the write's counter, as {@code thread << 40 | counter}; -1 when the
     * value is not one a writer of this sequence could have stored (wrong size or filler, or no such thread).
     */
    long writer(byte[] value) {
        if (value.length != valueSize) {
            return -1;
        }
        long header = (long) HEADER.get(value, 0);
        long thread = header >>> COUNTER_BITS;
        if (thread >= threads || !Arrays.equals(value, HEADER_BYTES, valueSize, fillers[(int) thread], HEADER_BYTES,
                valueSize)) {
            return -1;
        }
        return header;
    }

    static int threadOf(long writer) {
        return (int) (writer >>> COUNTER_BITS);
    }

    static long counterOf(long writer) {
        return writer & COUNTER_MASK;
    }

    /**
     * One thread's position in its sequence. {@link #next()} costs a random draw and one store: the writers
     * call it on the hot path, so it allocates nothing and {@link #value()} is one buffer, rewritten by each call (the
     * targets copy a value before {@code put} returns).
     */
    final class Cursor {
        private final int thread;
        private final int first;
        private final int keys;
        private final SplittableRandom rnd;
        private final ZipfianKeys zipfian;
        private final byte[] value;
        private long next;

        private Cursor(int thread) {
            this.thread = thread;
            this.first = firstKey(thread);
            this.keys = keysOf(thread);
            this.rnd = new SplittableRandom(0x5EED_0000L + thread);
            this.zipfian = workload.distribution() == Workload.Distribution.ZIPFIAN
                    ? new ZipfianKeys(keys, ZipfianKeys.YCSB_THETA) : null;
            this.value = fillers[thread].clone(); // the header is written over the copy, never the workload's value
        }

        /** Moves to the next write: returns its key's index and puts its value in {@link #value()}. */
        int next() {
            HEADER.set(value, 0, (long) thread << COUNTER_BITS | next++);
            return first + (zipfian != null ? zipfian.nextKey(rnd) : rnd.nextInt(keys));
        }

        /** The current write's value. */
        byte[] value() {
            return value;
        }

        /** Writes this cursor has moved past: the counter of the next one. */
        long position() {
            return next;
        }
    }
}
