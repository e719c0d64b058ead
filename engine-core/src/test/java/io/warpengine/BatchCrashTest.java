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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child JVM commits batches from several threads and is killed with SIGKILL: after reopening, every batch it
 * acknowledged is wholly there and no batch is there in part. Each thread's batch n sets all of the thread's
 * {@value #KEYS} keys to "cycle:n" (keys on different shards), so a partial batch shows as keys that disagree.
 */
class BatchCrashTest {

    /** A SIGKILL may cut a checkpoint short: the reopen removes its temporary file, with a warning. */
    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    private static final int THREADS = 3;
    private static final int KEYS = 5;
    private static final int CYCLES = 4;

    @TempDir
    Path dir;

    @Test
    void acknowledgedBatchesAreWholeAfterSigkill() throws Exception {
        Random rnd = new Random();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int killAfter = 200 + rnd.nextInt(3000);
            Process child = ChildProcess.start(Committer.class, dir.toString(), Integer.toString(cycle));
            AtomicLongArray acked = new AtomicLongArray(THREADS);
            for (int t = 0; t < THREADS; t++) {
                acked.set(t, -1);
            }
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                for (int seen = 0; seen < killAfter && (line = out.readLine()) != null; seen++) {
                    ack(acked, line);
                }
                child.toHandle().destroyForcibly(); // SIGKILL
                while ((line = out.readLine()) != null) {
                    ack(acked, line);
                }
            }
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(4).checkpointOnClose(false).build())) {
                for (int t = 0; t < THREADS; t++) {
                    Map<String, byte[]> values = engine.getAll(keysOf(t));
                    List<String> distinct = values.values().stream()
                            .map(v -> new String(v, StandardCharsets.UTF_8)).distinct().toList();
                    String context = "cycle " + cycle + ", thread " + t + ", acknowledged up to batch " + acked.get(t);
                    if (acked.get(t) < 0 && values.isEmpty()) {
                        continue; // this cycle's thread acknowledged nothing, and an earlier one wrote nothing
                    }
                    assertEquals(KEYS, values.size(), context + ": " + values.keySet());
                    assertEquals(1, distinct.size(), context + ": a batch is there in part: " + distinct);
                    String[] parts = distinct.get(0).split(":");
                    int writtenCycle = Integer.parseInt(parts[0]);
                    long batch = Long.parseLong(parts[1]);
                    if (writtenCycle == cycle) { // the acknowledged batch, or the one after it (not acknowledged yet)
                        assertTrue(batch == acked.get(t) || batch == acked.get(t) + 1, context + ": found batch " + batch);
                    } else {
                        assertEquals(-1, acked.get(t), context + ": found only " + distinct.get(0));
                    }
                }
            }
        }
        CrashWorkload.assertOnlyInterruptedSnapshotsRemoved(log);
    }

    private static void ack(AtomicLongArray acked, String line) {
        String[] parts = line.split(" ");
        acked.set(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    static List<String> keysOf(int thread) {
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("t" + thread + ":k" + k);
        }
        return keys;
    }

    /** The child: THREADS threads commit batches until killed, printing "thread batch" per acknowledgement. */
    public static final class Committer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            String cycle = args[1];
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(4).checkpointEveryOperations(2000).build());
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                new Thread(() -> {
                    for (long n = 0; ; n++) {
                        Batch batch = engine.batch();
                        byte[] value = (cycle + ":" + n + ":" + "x".repeat((int) (n % 300))).getBytes(StandardCharsets.UTF_8);
                        for (String key : keysOf(thread)) {
                            batch.put(key, value);
                        }
                        if (n % 2 == 0) {
                            batch.commit();
                        } else {
                            batch.commitAsync().join();
                        }
                        synchronized (out) {
                            out.println(thread + " " + n);
                            out.flush();
                        }
                    }
                }).start();
            }
            Thread.sleep(Long.MAX_VALUE); // runs until the parent kills it
        }
    }
}
