package io.warpengine.fault;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.testing.LogCapture;
import io.warpengine.tier.TierStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep cache's disk fails the engine: a deep directory it cannot create refuses the open with a message
 * naming it and the fix; a full deep disk stops demotions (one error), values stay in memory and writes go on;
 * nothing acknowledged is lost either way.
 */
class TierFaultTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.warpengine.tier.Demoter");

    @TempDir
    Path tmp;

    private static byte[] value(int i) {
        byte[] v = new byte[8192];
        new Random(i).nextBytes(v); // incompressible: every demotion goes to the deep cache
        ByteBuffer.wrap(v).putInt(i);
        return v;
    }

    @Test
    void aDeepDirectoryThatCannotBeCreatedRefusesTheOpenAndLosesNothing() throws Exception {
        Path dir = tmp.resolve("data");
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            engine.put("kept", value(1));
        }
        Files.writeString(dir.resolve(WarpEngine.DEEP_DIR), "a file where the deep directory belongs");
        EngineConfig tiered = EngineConfig.builder(dir).memoryMaxBytes(1 << 20).build();
        RuntimeException e = assertThrows(RuntimeException.class, () -> WarpEngine.open(tiered));
        assertTrue(e.getMessage().contains("cannot use " + dir.resolve(WarpEngine.DEEP_DIR) + " for the deep tier")
                && e.getMessage().contains("set 'memory.max.bytes' to 0"), e.getMessage());
        Files.delete(dir.resolve(WarpEngine.DEEP_DIR));
        try (WarpEngine engine = WarpEngine.open(tiered)) {
            assertArrayEquals(value(1), engine.get("kept").orElseThrow());
        }
    }

    @Test
    void aFullDeepDiskKeepsValuesInMemoryAndLosesNothing() throws Exception {
        Path dir = tmp.resolve("data");
        try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve(WarpEngine.DEEP_DIR), 4)) {
            EngineConfig config = EngineConfig.builder(dir).memoryMaxBytes(1 << 20).deepSegmentBytes(1 << 20).build();
            int writes = 2048; // 16 MiB of values: 4 MiB of deep disk holds a quarter
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 0; i < writes; i++) {
                    engine.put("k" + i, value(i));
                }
                for (int i = 0; i < writes; i++) {
                    assertArrayEquals(value(i), engine.get("k" + i).orElseThrow(), "k" + i);
                }
                TierStats tiers = engine.stats().tiers().orElseThrow();
                assertTrue(tiers.memoryBytes() > 8L << 20 && tiers.deep().keys() > 0,
                        "values stayed in memory past the bound once the deep disk was full: " + tiers);
            }
            List<LogCapture.Entry> errors = log.entries("ERROR", "io.warpengine.tier.Demoter");
            assertEquals(1, errors.size(), "one error for the run of failures: " + errors);
            assertTrue(errors.get(0).text().contains("demotion or compaction failed"), errors.get(0).text());
            fs.resize(64);
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 0; i < writes; i++) {
                    assertArrayEquals(value(i), engine.get("k" + i).orElseThrow(), "k" + i + " after the reopen");
                }
            }
        }
    }
}
