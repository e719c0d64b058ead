package io.warpengine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One thread moves keys between stores (placements, gravity) while two readers get keys that always exist and
 * read groups of them with getAll: no get may miss, no getAll may find part of a group.
 */
final class ReadsBesideMoves {

    /** Moves and reads done. */
    record Counts(long moves, long reads) {
    }

    private ReadsBesideMoves() {
    }

    /**
     * Runs until at least 2,000 moves and 50,000 reads are done (or 20 s pass), then asserts that no read failed,
     * that at least 200 moves and 1,000 reads were done, and returns the counts.
     *
     * @param move    the n-th move (n = 0, 1, ...)
     * @param groupOf the n-th group a reader reads with getAll
     */
    static Counts run(WarpEngine engine, List<String> keys, LongConsumer move, IntFunction<List<String>> groupOf)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong moves = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                while (!stop.get()) {
                    move.accept(moves.get());
                    moves.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        for (int r = 0; r < 2; r++) {
            int reader = r;
            threads.add(new Thread(() -> {
                try {
                    for (int n = 0; !stop.get(); n++) {
                        String key = keys.get((n * 7 + reader) % keys.size());
                        if (engine.get(key).isEmpty()) {
                            throw new AssertionError("get missed " + key + " after " + moves.get() + " moves");
                        }
                        if (n % 50 == 0) {
                            List<String> group = groupOf.apply(n / 50);
                            Map<String, byte[]> all = engine.getAll(group);
                            if (all.size() != group.size()) {
                                throw new AssertionError("getAll found " + all.size() + " of " + group.size()
                                        + " after " + moves.get() + " moves");
                            }
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((moves.get() < 2000 || reads.get() < 50_000) && failure.get() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5); // polling the counts with a deadline
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertTrue(moves.get() >= 200, "only " + moves.get() + " moves");
        assertTrue(reads.get() > 1000, "only " + reads.get() + " reads");
        return new Counts(moves.get(), reads.get());
    }
}
