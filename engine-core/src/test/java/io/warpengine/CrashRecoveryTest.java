package io.warpengine;

import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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

    static final int THREADS = 4;
    static final int KEYS_PER_THREAD = 40;
    private static final int CYCLES = Integer.getInteger("warp.crash.cycles", 20);

    @TempDir
    Path dir;

    /** The operation a thread performs at step {@code i} of a cycle: same on both sides of the process boundary. */
    record Op(String key, byte[] value) { // value null: delete
        static Op of(int cycle, int thread, int i) {
            Random r = new Random(((long) cycle * 1_000_003 + thread) * 1_000_033 + i);
            String key = "t" + thread + "-k" + r.nextInt(KEYS_PER_THREAD);
            return r.nextInt(5) == 0 ? new Op(key, null)
                    : new Op(key, ("c" + cycle + "-t" + thread + "-i" + i + "-" + "x".repeat(r.nextInt(200))).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Map<String, byte[]> model = new HashMap<>();
        Random rnd = new Random();
        List<Long> openMillis = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int killAfter = 500 + rnd.nextInt(8000);
            Process child = ChildProcess.start(Writer.class, dir.toString(), Integer.toString(cycle));
            AtomicLongArray acked = new AtomicLongArray(THREADS); // per thread: number of operations acknowledged
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                long total = 0;
                String line;
                while (total < killAfter && (line = out.readLine()) != null) {
                    ack(acked, line);
                    total++;
                }
                child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves our pipe open
                while ((line = out.readLine()) != null) { // acknowledgements already in the pipe count too
                    ack(acked, line);
                }
            }
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            long start = System.nanoTime();
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointOnClose(false).build())) {
                openMillis.add((System.nanoTime() - start) / 1_000_000);
                model = verify(engine, model, cycle, acked, 0);
            }
        }
        assertOnlyInterruptedSnapshotsRemoved(log);
        openMillis.sort(null);
        System.out.println("crash cycles: " + CYCLES + ", open after SIGKILL (ms, sorted): " + openMillis);
        assertTrue(openMillis.get(openMillis.size() / 2) < 5_000, "median open after SIGKILL took " + openMillis);
    }

    /**
     * Checks the engine against the model plus this cycle's acknowledged operations; returns the new model.
     *
     * @param otherKeys keys the engine holds outside the threads' key space
     */
    static Map<String, byte[]> verify(WarpEngine engine, Map<String, byte[]> before, int cycle, AtomicLongArray acked,
                                      long otherKeys) {
        Map<String, byte[]> expected = new HashMap<>(before);
        Map<String, Op> inFlight = new HashMap<>(); // key -> the one unacknowledged op of its thread
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < acked.get(t); i++) {
                Op op = Op.of(cycle, t, i);
                if (op.value() == null) {
                    expected.remove(op.key());
                } else {
                    expected.put(op.key(), op.value());
                }
            }
            Op next = Op.of(cycle, t, (int) acked.get(t));
            inFlight.put(next.key(), next);
        }
        Map<String, byte[]> actual = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < KEYS_PER_THREAD; k++) {
                String key = "t" + t + "-k" + k;
                engine.get(key).ifPresent(v -> actual.put(key, v));
            }
        }
        assertEquals(actual.size() + otherKeys, engine.stats().keyCount(), "keys outside the written key space appeared");
        for (int t = 0; t < THREADS; t++) {
            for (int k = 0; k < KEYS_PER_THREAD; k++) {
                String key = "t" + t + "-k" + k;
                byte[] want = expected.get(key);
                byte[] got = actual.get(key);
                if (Arrays.equals(want, got)) {
                    continue;
                }
                Op pending = inFlight.get(key);
                if (pending != null && Arrays.equals(pending.value(), got)) {
                    continue; // the unacknowledged operation landed: allowed
                }
                fail("cycle " + cycle + ", key " + key + ": expected " + text(want) + " (or the in-flight "
                        + (pending == null ? "none" : text(pending.value())) + "), found " + text(got));
            }
        }
        return actual;
    }

    /**
     * A SIGKILL may cut a snapshot's writing short: recovery removes the temporary file and says so. It must never
     * meet a damaged snapshot, which would mean a partial one had taken a snapshot's name.
     */
    static void assertOnlyInterruptedSnapshotsRemoved(LogCapture log) {
        for (String warning : log.messages("WARN", SnapshotStore.class.getName())) {
            assertTrue(warning.matches("Removing .*\\.wsnap\\.tmp, a snapshot whose writing was interrupted"), warning);
        }
    }

    /** Records a child's acknowledgement line, "thread index": that thread's operations up to index are done. */
    static void ack(AtomicLongArray acked, String line) {
        String[] parts = line.split(" ");
        acked.set(Integer.parseInt(parts[0]), Long.parseLong(parts[1]) + 1);
    }

    private static String text(byte[] v) {
        return v == null ? "absent" : "'" + new String(v, 0, Math.min(v.length, 24), StandardCharsets.UTF_8) + "…'";
    }

    /** The child: THREADS threads write their operations until killed, printing "thread index" per acknowledgement. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int cycle = Integer.parseInt(args[1]);
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointEveryOperations(3000).build());
            startWriters(engine, cycle, out);
            Thread.sleep(Long.MAX_VALUE); // runs until the parent kills it
        }

        /** Starts THREADS threads that write their operations until the process dies, each acknowledged on {@code out}. */
        static void startWriters(WarpEngine engine, int cycle, PrintStream out) {
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
        }
    }
}
