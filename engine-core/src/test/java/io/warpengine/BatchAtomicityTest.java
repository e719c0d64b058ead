package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers move amounts between accounts spread over several shards, each move an atomic batch that keeps the
 * total constant, while readers sum every account with {@code getAll}, and with {@code quantumGet} of the first
 * account (entangled with all the others by a pattern rule): no reader may ever see another total.
 * A control reader sums the same accounts key by key with {@code get}; the run lasts until that reader has seen
 * a torn total, so the run is long enough to catch reads that have no common point.
 */
class BatchAtomicityTest {

    private static final int ACCOUNTS = 8;
    private static final long START = 1000;
    private static final long TOTAL = ACCOUNTS * START;
    private static final long MAX_RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void multiKeyReadsNeverSeePartOfABatch() throws Exception {
        // Derived entanglements (a rule), as declared ones would pull the accounts onto one writer (gravity)
        StringBuilder rule = new StringBuilder("account:*->");
        for (int i = 1; i < ACCOUNTS; i++) {
            rule.append(i == 1 ? "" : ",").append("a").append(i).append(":*");
        }
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(4)
                .entangleRules(EntanglementRules.parse(rule.toString())).checkpointEveryOperations(20_000).build())) {
            List<String> accounts = new ArrayList<>();
            Batch init = engine.batch();
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(i == 0 ? "account:x" : "a" + i + ":x");
                init.put(accounts.get(i), amount(START));
            }
            init.commit();
            assertTrue(engine.stats().shardKeyCounts().stream().filter(n -> n > 0).count() > 1,
                    "the accounts must span shards: " + engine.stats().shardKeyCounts());

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong tornControlReads = new AtomicLong();
            AtomicLong atomicReads = new AtomicLong();
            AtomicLong quantumReads = new AtomicLong();
            AtomicLong batches = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w; // owns the accounts i with i % 2 == writer: its read-then-write races nobody
                threads.add(thread(failure, () -> {
                    SplittableRandom rnd = new SplittableRandom(writer);
                    while (!stop.get()) {
                        int from = writer + 2 * rnd.nextInt(ACCOUNTS / 2);
                        int to = writer + 2 * ((from / 2 + 1 + rnd.nextInt(ACCOUNTS / 2 - 1)) % (ACCOUNTS / 2));
                        Map<String, byte[]> now = engine.getAll(List.of(accounts.get(from), accounts.get(to)));
                        long a = value(now.get(accounts.get(from)));
                        long b = value(now.get(accounts.get(to)));
                        long moved = rnd.nextLong(1, 50);
                        Batch batch = engine.batch().put(accounts.get(from), amount(a - moved))
                                .put(accounts.get(to), amount(b + moved));
                        if (rnd.nextBoolean()) {
                            batch.commit();
                        } else {
                            batch.commitAsync().join();
                        }
                        batches.incrementAndGet();
                    }
                }));
            }
            threads.add(thread(failure, () -> {
                while (!stop.get()) {
                    long sum = 0;
                    for (byte[] v : engine.getAll(accounts).values()) {
                        sum += value(v);
                    }
                    assertEquals(TOTAL, sum, "getAll saw part of a batch");
                    atomicReads.incrementAndGet();
                }
            }));
            threads.add(thread(failure, () -> {
                while (!stop.get()) {
                    QuantumResult q = engine.quantumGet(accounts.get(0));
                    long sum = value(q.value().orElseThrow());
                    for (Entangled e : q.entangled()) {
                        sum += value(e.value());
                    }
                    assertEquals(ACCOUNTS - 1, q.entangled().size());
                    assertEquals(TOTAL, sum, "quantumGet saw part of a batch");
                    quantumReads.incrementAndGet();
                }
            }));
            threads.add(thread(failure, () -> {
                while (!stop.get()) {
                    long sum = 0;
                    for (String a : accounts) {
                        sum += value(engine.get(a).orElseThrow());
                    }
                    if (sum != TOTAL) {
                        tornControlReads.incrementAndGet();
                    }
                }
            }));
            threads.forEach(Thread::start);
            long deadline = System.nanoTime() + MAX_RUN_NANOS;
            while ((tornControlReads.get() < 3 || batches.get() < 20_000) && System.nanoTime() < deadline
                    && failure.get() == null) {
                TimeUnit.MILLISECONDS.sleep(5); // polling the control reader's count with a deadline
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get(), () -> "failed after " + batches.get() + " batches: " + failure.get());
            assertTrue(tornControlReads.get() >= 3, "the key-by-key control reader never saw a torn total in "
                    + batches.get() + " batches: the run cannot tell atomic reads from plain ones");
            assertTrue(atomicReads.get() > 100, "only " + atomicReads.get() + " getAll reads");
            assertTrue(quantumReads.get() > 100, "only " + quantumReads.get() + " quantumGet reads");
        }
    }

    private static Thread thread(AtomicReference<Throwable> failure, Runnable body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    private static byte[] amount(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long value(byte[] v) {
        return ByteBuffer.wrap(v).getLong();
    }
}
