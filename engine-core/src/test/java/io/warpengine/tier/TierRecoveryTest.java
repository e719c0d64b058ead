package io.warpengine.tier;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal replay that stages more values than the bound spills them to the deep cache as it goes. */
class TierRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aReplayLongerThanTheBoundStaysWithinItAndLosesNothing() {
        EngineConfig config = EngineConfig.builder(dir).memoryMaxBytes(Tiers.MIN_BYTES).checkpointOnClose(false)
                .checkpointEveryOperations(0).checkpointEverySeconds(0).build();
        int keys = 2048; // 8 MiB of values, eight times the bound, all in the journal: no snapshot
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < keys; i++) {
                engine.put("k" + i, value(i));
            }
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            TierStats tiers = engine.stats().tiers().orElseThrow();
            assertTrue(engine.recovery().entriesReplayed() == keys, engine.recovery().toString());
            assertTrue(tiers.memoryBytes() <= Tiers.MIN_BYTES && tiers.deep().keys() > keys / 2,
                    "the replay spilled to the deep cache: " + tiers);
            for (int i = 0; i < keys; i++) {
                assertArrayEquals(value(i), engine.get("k" + i).orElseThrow(), "k" + i);
            }
        }
    }

    private static byte[] value(int i) {
        byte[] v = new byte[4096];
        new Random(i).nextBytes(v);
        ByteBuffer.wrap(v).putInt(i);
        return v;
    }
}
