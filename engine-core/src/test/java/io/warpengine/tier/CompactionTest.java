package io.warpengine.tier;

import io.warpengine.EngineConfig;
import io.warpengine.EngineView;
import io.warpengine.RecoveryTarget;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overwrites leave dead records in the deep log; compaction copies the live ones out of mostly dead segments and
 * retires those, which are deleted once no kept snapshot can refer to them: the log stays a small multiple of the
 * live values, and every value reads back, also after a reopen and in a view.
 */
class CompactionTest {

    private static final int KEYS = 400;
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @Test
    void overwritesAreReclaimedAndNothingIsLost() throws Exception {
        EngineConfig config = EngineConfig.builder(dir).memoryMaxBytes(Tiers.MIN_BYTES).deepSegmentBytes(64 * 1024)
                .snapshotsKeep(1).checkpointEveryOperations(0).checkpointEverySeconds(0).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int round = 0; round < ROUNDS; round++) { // 12 x 400 x 4 KiB written, 1.6 MiB live at the end
                for (int k = 0; k < KEYS; k++) {
                    engine.put("k" + k, value(round, k));
                }
                engine.checkpoint();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tiers(engine).compactedSegments() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000); // polls the demoter's thread, which compacts when idle
            }
            assertTrue(tiers(engine).compactedSegments() > 0, "compaction retired segments: " + tiers(engine));
            List<Path> retired = files("retired");
            assertTrue(!retired.isEmpty(), "a retired segment stays until a newer snapshot: " + files(""));
            engine.put("after", value(99, 0)); // a checkpoint needs a change
            engine.checkpoint(); // its retention runs after it completes: poll
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (retired.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000);
            }
            for (Path file : retired) {
                assertTrue(!Files.exists(file), file + " was deleted once the kept snapshot was newer");
            }
            TierStats tiers = tiers(engine);
            long written = (long) ROUNDS * KEYS * 4096;
            assertTrue(tiers.deepFileBytes() < written / 3, "the deep log holds " + tiers.deepFileBytes()
                    + " bytes of the " + written + " written: " + tiers);
            assertAll(engine);
        }
        try (WarpEngine engine = WarpEngine.open(config); EngineView view = WarpEngine.openAt(config, RecoveryTarget.LATEST)) {
            assertAll(engine);
            for (int k = 0; k < KEYS; k++) {
                assertArrayEquals(value(ROUNDS - 1, k), view.get("k" + k).orElseThrow(), "k" + k + " in a view");
            }
        }
    }

    private static TierStats tiers(WarpEngine engine) {
        return engine.stats().tiers().orElseThrow();
    }

    private static void assertAll(WarpEngine engine) {
        for (int k = 0; k < KEYS; k++) {
            assertArrayEquals(value(ROUNDS - 1, k), engine.get("k" + k).orElseThrow(), "k" + k);
        }
    }

    private List<Path> files(String containing) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.DEEP_DIR))) {
            return files.filter(f -> f.getFileName().toString().contains(containing)).toList();
        }
    }

    /** Incompressible, numbered by round and key. */
    private static byte[] value(int round, int key) {
        byte[] v = new byte[4096];
        new Random(round * 1000L + key).nextBytes(v);
        ByteBuffer.wrap(v).putInt(round).putInt(key);
        return v;
    }
}
