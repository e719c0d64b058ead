package io.warpengine.tier;

import io.warpengine.ChildProcess;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data set several times the heap: a child JVM with a 96 MiB heap and a 16 MiB bound writes 192 MiB of values,
 * reads every one back, closes and reopens (recovery must not load the values either) and reads them again. With
 * every value on the heap it would die of OutOfMemoryError; with the tiers its live heap after a GC stays small.
 */
class TierHeapBoundTest {

    private static final int KEYS = 24_576;
    private static final int VALUE_BYTES = 8192;
    private static final long BOUND = 16L << 20;

    @TempDir
    Path dir;

    @Test
    void aDataSetSeveralTimesTheHeapStaysReadableWithTheHeapBounded() throws Exception {
        Process child = ChildProcess.start(List.of("-Xmx96m"), Child.class, dir.toString());
        String report;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            report = out.readLine();
        }
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the child did not finish");
        assertEquals(0, child.exitValue(), "the child failed: " + report);
        String[] figures = report.split(" ");
        long liveAfterLoad = Long.parseLong(figures[0]);
        long liveAfterReopen = Long.parseLong(figures[1]);
        long memoryBytes = Long.parseLong(figures[2]);
        assertTrue(memoryBytes <= BOUND, "values in memory " + memoryBytes + " > bound " + BOUND);
        // the bound, the index of 24K keys and the engine's own structures: far below the 192 MiB written
        assertTrue(liveAfterLoad < 56L << 20 && liveAfterReopen < 56L << 20, "live heap after GC: after the load "
                + liveAfterLoad + ", after the reopen " + liveAfterReopen + " bytes");
    }

    /** Prints "liveHeapAfterLoad liveHeapAfterReopen memoryBytes" and exits 0 when every value read back equal. */
    public static final class Child {
        public static void main(String[] args) {
            EngineConfig config = EngineConfig.builder(Path.of(args[0])).memoryMaxBytes(BOUND).build();
            long afterLoad;
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 0; i < KEYS; i++) {
                    engine.put("key-" + i, value(i));
                }
                readAll(engine);
                afterLoad = liveHeap();
            }
            try (WarpEngine engine = WarpEngine.open(config)) {
                readAll(engine);
                long afterReopen = liveHeap();
                System.out.println(afterLoad + " " + afterReopen + " "
                        + engine.stats().tiers().orElseThrow().memoryBytes());
            }
        }

        private static void readAll(WarpEngine engine) {
            for (int i = 0; i < KEYS; i++) {
                byte[] read = engine.get("key-" + i).orElseThrow(() -> new AssertionError("a key is missing"));
                if (!java.util.Arrays.equals(value(i), read)) {
                    throw new AssertionError("key-" + i + " reads back different bytes");
                }
            }
        }

        private static long liveHeap() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }

    /** Incompressible bytes, numbered: they go to the deep cache, not the photon sphere. */
    static byte[] value(int i) {
        byte[] value = new byte[VALUE_BYTES];
        new Random(i).nextBytes(value);
        ByteBuffer.wrap(value).putInt(i);
        return value;
    }
}
