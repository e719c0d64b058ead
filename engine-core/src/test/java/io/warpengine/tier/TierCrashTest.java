package io.warpengine.tier;

import io.warpengine.ChildProcess;
import io.warpengine.CrashWorkload;
import io.warpengine.CrashWorkload.Op;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL during heavy demotion and compaction: a child JVM with the smallest memory bound overwrites about four
 * times the bound in values from several threads (checkpoints every few thousand writes, so snapshots hold deep
 * locations; small deep segments, so compaction copies and retires them), and is killed at a random moment; the
 * reopened engine holds every acknowledged write exactly ({@link CrashWorkload}'s rule). Each cycle's child
 * continues on the same directory.
 */
class TierCrashTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    private static final int KEYS_PER_THREAD = 100;
    private static final int CYCLES = 6;
    /** Values of 2-16 KiB, half of them incompressible, an eighth of the operations deletes. */
    private static final CrashWorkload WORKLOAD = new CrashWorkload(4, KEYS_PER_THREAD, TierCrashTest::op,
            TierCrashTest::describe);

    @TempDir
    Path dir;

    static EngineConfig.Builder config(Path dir) {
        return EngineConfig.builder(dir).memoryMaxBytes(Tiers.MIN_BYTES).deepSegmentBytes(64 * 1024)
                .checkpointEveryOperations(2000);
    }

    /** The operation of a thread at step {@code i} of a cycle, the same in both processes; a null value deletes. */
    private static Op op(int cycle, int thread, int i) {
        Random r = new Random(((long) cycle * 1_000_003 + thread) * 1_000_033 + i);
        String key = CrashWorkload.key(thread, r.nextInt(KEYS_PER_THREAD));
        if (r.nextInt(8) == 0) {
            return new Op(key, null);
        }
        byte[] value = new byte[2048 + r.nextInt(14_000)];
        ByteBuffer b = ByteBuffer.wrap(value).putInt(cycle).putInt(thread).putInt(i);
        if (r.nextBoolean()) {
            r.nextBytes(value); // incompressible: to the deep cache
            ByteBuffer.wrap(value).putInt(cycle).putInt(thread).putInt(i);
        } else {
            Arrays.fill(value, b.position(), value.length, (byte) ('a' + i % 26)); // compressible: photon sphere
        }
        return new Op(key, value);
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillDuringDemotionAndCompaction() throws Exception {
        Map<String, byte[]> model = new HashMap<>();
        Random rnd = new Random();
        long deepKeys = 0;
        boolean retiredSeen = false;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Process child = ChildProcess.start(Writer.class, dir.toString(), Integer.toString(cycle));
            long[] acked = WORKLOAD.killAfter(child, 1500 + rnd.nextInt(3000));
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.DEEP_DIR))) {
                retiredSeen |= files.anyMatch(f -> f.getFileName().toString().contains("retired"));
            }
            try (WarpEngine engine = WarpEngine.open(config(dir).checkpointOnClose(false).build())) {
                model = WORKLOAD.verify(engine, model, cycle, acked, 0);
                deepKeys = Math.max(deepKeys, engine.stats().tiers().orElseThrow().deep().keys());
            }
        }
        assertTrue(deepKeys > 0, "the reopened engines held values in the deep cache");
        assertTrue(retiredSeen, "the children compacted the deep log (retired segments seen after a kill)");
        CrashWorkload.assertOnlyInterruptedSnapshotsRemoved(log);
    }

    private static String describe(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        return "cycle " + b.getInt() + " thread " + b.getInt() + " op " + b.getInt() + " (" + v.length + " bytes)";
    }

    /** The child: the workload's threads write until the parent kills it. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            WarpEngine engine = WarpEngine.open(config(Path.of(args[0])).build());
            WORKLOAD.startWriters(engine, Integer.parseInt(args[1]), new PrintStream(System.out, false,
                    StandardCharsets.UTF_8));
            Thread.sleep(Long.MAX_VALUE); // runs until the parent kills it
        }
    }
}
