package io.warpengine;

import io.warpengine.CrashWorkload.Op;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash cycles with real processes: a child JVM writes from several threads and reports every acknowledged
 * operation; this JVM SIGKILLs it at a random moment, reopens the directory and checks that every acknowledged
 * write is there with its exact value (only each thread's one unacknowledged operation may or may not have
 * landed) and that no key that was never written appears. The next cycle's child continues on the same
 * directory, so recovery of a recovered engine, with snapshots taken mid-run, is exercised too.
 */
class CrashRecoveryTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    private static final int KEYS_PER_THREAD = 40;
    private static final int CYCLES = Integer.getInteger("warp.crash.cycles", 20);
    /** Small text values, a fifth of the operations deletes; FuzzyCheckpointCrashTest runs it too. */
    static final CrashWorkload WORKLOAD = new CrashWorkload(4, KEYS_PER_THREAD, CrashRecoveryTest::op,
            v -> "'" + new String(v, 0, Math.min(v.length, 24), StandardCharsets.UTF_8) + "…'");

    @TempDir
    Path dir;

    /** The operation a thread performs at step {@code i} of a cycle: same on both sides of the process boundary. */
    private static Op op(int cycle, int thread, int i) {
        Random r = new Random(((long) cycle * 1_000_003 + thread) * 1_000_033 + i);
        String key = CrashWorkload.key(thread, r.nextInt(KEYS_PER_THREAD));
        return r.nextInt(5) == 0 ? new Op(key, null)
                : new Op(key, ("c" + cycle + "-t" + thread + "-i" + i + "-" + "x".repeat(r.nextInt(200)))
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Map<String, byte[]> model = new HashMap<>();
        Random rnd = new Random();
        List<Long> openMillis = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Process child = ChildProcess.start(Writer.class, dir.toString(), Integer.toString(cycle));
            long[] acked = WORKLOAD.killAfter(child, 500 + rnd.nextInt(8000));
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            long start = System.nanoTime();
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointOnClose(false).build())) {
                openMillis.add((System.nanoTime() - start) / 1_000_000);
                model = WORKLOAD.verify(engine, model, cycle, acked, 0);
            }
        }
        CrashWorkload.assertOnlyInterruptedSnapshotsRemoved(log);
        openMillis.sort(null);
        System.out.println("crash cycles: " + CYCLES + ", open after SIGKILL (ms, sorted): " + openMillis);
        assertTrue(openMillis.get(openMillis.size() / 2) < 5_000, "median open after SIGKILL took " + openMillis);
    }

    /** The child: the workload's threads write until the parent kills it, checkpoints every 3000 operations. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int cycle = Integer.parseInt(args[1]);
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointEveryOperations(3000).build());
            WORKLOAD.startWriters(engine, cycle, out);
            Thread.sleep(Long.MAX_VALUE); // runs until the parent kills it
        }
    }
}
