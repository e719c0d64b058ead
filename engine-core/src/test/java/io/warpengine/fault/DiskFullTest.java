package io.warpengine.fault;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk fills under the engine: writes fail with an error that says so, no acknowledged write is lost, and
 * once space is freed the engine reopens to exactly the acknowledged state and takes writes again.
 */
class DiskFullTest {

    @TempDir
    Path tmp;

    private static byte[] value(int i) {
        byte[] v = new byte[1000];
        Arrays.fill(v, (byte) ('a' + i % 26));
        byte[] tag = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, v, 0, tag.length);
        return v;
    }

    @Test
    void journalingOntoAFullDiskLosesNoAcknowledgedWrite() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("mnt"), 24)) {
            Path dir = fs.root().resolve("data");
            int acknowledged = 0;
            RuntimeException failure = null;
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
                for (int i = 0; i < 1_000_000 && failure == null; i++) {
                    try {
                        engine.put("k" + i, value(i));
                        acknowledged = i + 1;
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
            }
            assertNotNull(failure, "24 MiB should not hold a million 1000-byte writes");
            assertTrue(acknowledged > 10_000, "only " + acknowledged + " writes fitted");
            String message = failure.getMessage();
            assertTrue(message.contains("no space left on the disk of the journal") && message.contains(dir.toString()),
                    "the failure should say the disk is full and where: " + message);
            fs.resize(64);
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
                int missing = 0;
                for (int i = 0; i < acknowledged; i++) {
                    Optional<byte[]> got = engine.get("k" + i);
                    if (got.isEmpty()) {
                        missing++;
                    } else {
                        assertArrayEquals(value(i), got.get(), "k" + i);
                    }
                }
                assertTrue(missing == 0, missing + " of " + acknowledged + " acknowledged writes missing");
                engine.put("after", value(1));
                assertArrayEquals(value(1), engine.get("after").orElseThrow());
            }
        }
    }
}
