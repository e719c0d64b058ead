package io.warpengine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * 16 threads mixing sync and async puts and gets on a few overlapping keys. Every value is unique
 * (thread, counter), and every put's engine sequence orders it: a get that starts after a put returned must
 * see that write or one with a higher sequence, and the final state holds each key's highest-sequence write.
 */
class ConcurrentCallersTest {

    private static final int THREADS = 16;
    private static final int OPS_PER_THREAD = 3000;
    private static final int KEYS = 24;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 4})
    void everyAcknowledgedPutIsVisibleAndTheLastOneWins(int shards) throws Exception {
        Map<Long, Long> sequenceOfValue = new ConcurrentHashMap<>();     // value id -> sequence
        Map<String, long[]> lastWrite = new ConcurrentHashMap<>();        // key -> {sequence, value id}
        EngineConfig config = EngineConfig.builder(dir).shards(shards).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        String key = "k" + rnd.nextInt(KEYS);
                        long id = ((long) thread << 32) | i;
                        byte[] value = ByteBuffer.allocate(8).putLong(id).array();
                        PutResult r = rnd.nextBoolean() ? engine.put(key, value) : engine.putAsync(key, value).get();
                        sequenceOfValue.put(id, r.sequence());
                        lastWrite.merge(key, new long[]{r.sequence(), id}, (a, b) -> a[0] >= b[0] ? a : b);
                        Optional<byte[]> read = rnd.nextBoolean() ? engine.get(key) : engine.getAsync(key).get();
                        long seen = ByteBuffer.wrap(read.orElseThrow(() -> new AssertionError("lost " + key))).getLong();
                        long seenSequence = awaitSequence(sequenceOfValue, seen);
                        if (seenSequence < r.sequence()) {
                            fail(key + ": read a write of sequence " + seenSequence + " after put " + r.sequence() + " returned");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertFinalState(engine, lastWrite);
            assertEquals((long) THREADS * OPS_PER_THREAD, engine.stats().lastSequence());
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertFinalState(engine, lastWrite);
        }
    }

    private static void assertFinalState(WarpEngine engine, Map<String, long[]> lastWrite) {
        assertEquals(KEYS, lastWrite.size());
        for (Map.Entry<String, long[]> e : lastWrite.entrySet()) {
            long id = ByteBuffer.wrap(engine.get(e.getKey()).orElseThrow()).getLong();
            assertEquals(e.getValue()[1], id, "key " + e.getKey() + " must hold its highest-sequence write");
        }
    }

    /** The sequence of a value's put, which its writer records right after the put returns. */
    private static long awaitSequence(Map<Long, Long> sequenceOfValue, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Long seq;
        while ((seq = sequenceOfValue.get(id)) == null) {
            assertTrue(System.nanoTime() < deadline, "value " + id + " read but its put never returned");
            Thread.onSpinWait();
            Thread.yield();
        }
        return seq;
    }
}
