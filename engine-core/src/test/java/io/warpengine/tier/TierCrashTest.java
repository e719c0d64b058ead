package io.warpengine.tier;

import io.warpengine.ChildProcess;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIGKILL during heavy demotion and compaction: a child JVM with the smallest memory bound overwrites about four
 * times the bound in values from several threads (checkpoints every few thousand writes, so snapshots hold deep
 * locations; small deep segments, so compaction copies and retires them), and is killed at a random moment; the reopened engine holds every acknowledged write exactly (each thread's one
 * unacknowledged operation may or may not have landed). Each cycle's child continues on the same directory.
 */
class TierCrashTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    private static final int THREADS = 4;
    private static final int KEYS_PER_THREAD = 100;
    private static final int CYCLES = 6;

    @TempDir
    Path dir;

    static EngineConfig.Builder config(Path dir) {
        return EngineConfig.builder(dir).memoryMaxBytes(Tiers.MIN_BYTES).deepSegmentBytes(64 * 1024)
                .checkpointEveryOperations(2000);
    }

    /** The operation of a thread at step {@code i} of a cycle, the same in both processes; a null value deletes. */
    record Op(String key, byte[] value) {
        static Op of(int cycle, int thread, int i) {
            Random r = new Random(((long) cycle * 1_000_003 + thread) * 1_000_033 + i);
            String key = "t" + thread + "-k" + r.nextInt(KEYS_PER_THREAD);
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
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillDuringDemotionAndCompaction() throws Exception {
        Map<String, byte[]> model = new HashMap<>();
        Random rnd = new Random();
        long deepKeys = 0;
        boolean retiredSeen = false;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int killAfter = 1500 + rnd.nextInt(3000);
            Process child = ChildProcess.start(Writer.class, dir.toString(), Integer.toString(cycle));
            long[] acked = new long[THREADS];
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                long total = 0;
                String line;
                while (total < killAfter && (line = out.readLine()) != null) {
                    ack(acked, line);
                    total++;
                }
                child.toHandle().destroyForcibly(); // SIGKILL
                while ((line = out.readLine()) != null) {
                    ack(acked, line);
                }
            }
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.DEEP_DIR))) {
                retiredSeen |= files.anyMatch(f -> f.getFileName().toString().contains("retired"));
            }
            try (WarpEngine engine = WarpEngine.open(config(dir).checkpointOnClose(false).build())) {
                model = verify(engine, model, cycle, acked);
                deepKeys = Math.max(deepKeys, engine.stats().tiers().orElseThrow().deep().keys());
            }
        }
        assertTrue(deepKeys > 0, "the reopened engines held values in the deep cache");
        assertTrue(retiredSeen, "the children compacted the deep log (retired segments seen after a kill)");
        for (String warning : log.messages("WARN", SnapshotStore.class.getName())) {
            assertTrue(warning.matches("Removing .*\\.wsnap\\.tmp, a snapshot whose writing was interrupted"), warning);
        }
    }

    private static Map<String, byte[]> verify(WarpEngine engine, Map<String, byte[]> before, int cycle, long[] acked) {
        Map<String, byte[]> expected = new HashMap<>(before);
        Map<String, Op> inFlight = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < acked[t]; i++) {
                Op op = Op.of(cycle, t, i);
                if (op.value() == null) {
                    expected.remove(op.key());
                } else {
                    expected.put(op.key(), op.value());
                }
            }
            Op next = Op.of(cycle, t, (int) acked[t]);
            inFlight.put(next.key(), next);
        }
        Map<String, byte[]> actual = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < KEYS_PER_THREAD; k++) {
                String key = "t" + t + "-k" + k;
                engine.get(key).ifPresent(v -> actual.put(key, v));
                byte[] want = expected.get(key);
                byte[] got = actual.get(key);
                Op pending = inFlight.get(key);
                if (!Arrays.equals(want, got) && (pending == null || !Arrays.equals(pending.value(), got))) {
                    fail("cycle " + cycle + ", key " + key + ": expected " + describe(want) + " (or the in-flight "
                            + (pending == null ? "none" : describe(pending.value())) + "), found " + describe(got));
                }
            }
        }
        assertEquals(actual.size(), engine.stats().keyCount(), "keys outside the written key space appeared");
        return actual;
    }

    private static void ack(long[] acked, String line) {
        String[] parts = line.split(" ");
        acked[Integer.parseInt(parts[0])] = Long.parseLong(parts[1]) + 1;
    }

    private static String describe(byte[] v) {
        if (v == null) {
            return "absent";
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return "cycle " + b.getInt() + " thread " + b.getInt() + " op " + b.getInt() + " (" + v.length + " bytes)";
    }

    /** The child: THREADS threads write their operations until killed, printing "thread index" per acknowledgement. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            WarpEngine engine = WarpEngine.open(config(Path.of(args[0])).build());
            int cycle = Integer.parseInt(args[1]);
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                new Thread(() -> {
                    for (int i = 0; ; i++) {
                        Op op = Op.of(cycle, thread, i);
                        if (op.value() == null) {
                            engine.delete(op.key());
                        } else {
                            engine.put(op.key(), op.value());
                        }
                        synchronized (out) {
                            out.println(thread + " " + i);
                            out.flush();
                        }
                    }
                }).start();
            }
            Thread.sleep(Long.MAX_VALUE); // runs until the parent kills it
        }
    }
}
