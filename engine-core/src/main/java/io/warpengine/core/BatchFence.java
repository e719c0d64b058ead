package io.warpengine.core;

/**
 * Keeps single-key reads out of a batch being applied. A batch's writes reach the maps one at a time; a plain
 * {@code get} that read one of its keys mid-way could see it while another key of the same batch is still old (or
 * see a value the batch overwrites later in itself). The writer makes the counter odd for the length of a batch's
 * apply; a read that saw it odd, or changed across its read, reads again. Multi-key reads need none of this: they
 * run at one point of the sequence ({@link WriterRole#atOnePoint}). A put that sets or replaces an expiry time is
 * fenced too: its value and its expiry time are two stores, and a read must not pair one with the other's
 * predecessor (a value written already expired, read beside the old expiry, would be served).
 *
 * <p>Its own object, padded, so that the writer's stores to it do not evict the read-mostly fields beside it.
 */
final class BatchFence {

    /** Spins before a waiting reader starts yielding to the writer it waits for. */
    private static final int SPINS = 128;

    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    /** Odd while a batch is applied; written by the writer role's holder only. */
    private volatile long epoch;
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;

    /** Fenced sections open, nested (a put with an expiry inside a batch); written by the writer only. */
    private int depth;

    /** Writer only: a batch's writes start (or a fenced write inside one: the fence stays closed once). */
    void open() {
        if (depth++ == 0) {
            epoch++;
        }
    }

    /** Writer only: the batch's writes are all applied. */
    void close() {
        if (--depth == 0) {
            epoch++;
        }
    }

    /** Any thread: an even epoch to read under, waiting out a batch being applied. */
    long enter() {
        long e;
        int spins = 0;
        while (((e = epoch) & 1) != 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the holder may have lost its core mid-batch: give it back
            }
        }
        return e;
    }

    /** Any thread: whether no batch was applied since {@link #enter()} returned {@code epoch}. */
    boolean unchangedSince(long epoch) {
        return this.epoch == epoch;
    }
}
