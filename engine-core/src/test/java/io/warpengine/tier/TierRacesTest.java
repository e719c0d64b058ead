package io.warpengine.tier;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers overwrite their own keys as fast as they can while the demoter moves values down and readers promote
 * them back: no read ever returns a value older than the last write acknowledged before it (a demotion or
 * promotion that overwrote a newer write would), and every key ends with its last value, also after a reopen.
 */
class TierRacesTest {

    private static final int WRITERS = 4;
    private static final int CHECKERS = 2;
    private static final int KEYS_PER_WRITER = 64;
    private static final int WRITES_PER_WRITER = 6000;
    /** About 6x the bound in all: the demoter runs all the time. */
    private static final int VALUE_BYTES = 4096;

    @TempDir
    Path dir;

    @Test
    void aWriteIsNeverShadowedByADemotionOrPromotion() throws Exception {
        EngineConfig config = EngineConfig.builder(dir).memoryMaxBytes(Tiers.MIN_BYTES).deepSegmentBytes(1 << 20)
                .checkpointEveryOperations(5000).build();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + CHECKERS);
        int[][] last = new int[WRITERS][KEYS_PER_WRITER];
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(WRITERS * KEYS_PER_WRITER);
        AtomicBoolean stop = new AtomicBoolean();
        try (WarpEngine engine = WarpEngine.open(config)) {
            List<Future<?>> done = new ArrayList<>();
            List<Future<?>> checks = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 1; i <= WRITES_PER_WRITER; i++) {
                        int k = (i * 7) % KEYS_PER_WRITER;
                        engine.put("w" + writer + ":" + k, value(i, writer));
                        last[writer][k] = i;
                        acknowledged.set(writer * KEYS_PER_WRITER + k, i);
                    }
                    return null;
                }));
            }
            for (int c = 0; c < CHECKERS; c++) {
                int seed = c;
                checks.add(pool.submit(() -> {
                    // Reads every key, each twice in a row at times (a promotion beside the demoter): never older
                    // than the last write acknowledged before the read started
                    Random rnd = new Random(seed);
                    while (!stop.get()) {
                        int slot = rnd.nextInt(WRITERS * KEYS_PER_WRITER);
                        int atLeast = acknowledged.get(slot);
                        String key = "w" + slot / KEYS_PER_WRITER + ":" + slot % KEYS_PER_WRITER;
                        for (int r = rnd.nextBoolean() ? 2 : 1; r > 0; r--) {
                            int read = engine.get(key).map(v -> ByteBuffer.wrap(v).getInt()).orElse(0);
                            if (read < atLeast) {
                                throw new AssertionError(key + " read write " + read + " after write " + atLeast
                                        + " was acknowledged");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
            stop.set(true);
            for (Future<?> f : checks) {
                f.get(1, TimeUnit.MINUTES);
            }
            assertLast(engine, last);
            TierStats tiers = engine.stats().tiers().orElseThrow();
            assertTrue(tiers.deep().demotions() > 1000 && tiers.photon().demotions() > 1000
                            && tiers.horizon().promotions() + tiers.photon().promotions() + tiers.deep().promotions() > 0,
                    "values moved both ways: " + tiers);
        } finally {
            pool.shutdownNow();
        }
        try (WarpEngine reopened = WarpEngine.open(config)) {
            assertLast(reopened, last);
        }
    }

    private static void assertLast(WarpEngine engine, int[][] last) {
        for (int w = 0; w < WRITERS; w++) {
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                byte[] read = engine.get("w" + w + ":" + k).orElseThrow();
                assertEquals(last[w][k], ByteBuffer.wrap(read).getInt(), "w" + w + ":" + k);
                assertTrue(Arrays.equals(value(last[w][k], w), read), "w" + w + ":" + k + " whole");
            }
        }
    }

    /** The write's number first; compressible for odd writers (photon sphere), random-looking for even ones. */
    private static byte[] value(int i, int writer) {
        byte[] value = new byte[VALUE_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(value).putInt(i);
        long x = i * 0x9E3779B97F4A7C15L + writer;
        while (buffer.remaining() >= 8) {
            x = writer % 2 == 1 ? i : x * 6364136223846793005L + 1442695040888963407L;
            buffer.putLong(x);
        }
        return value;
    }
}
