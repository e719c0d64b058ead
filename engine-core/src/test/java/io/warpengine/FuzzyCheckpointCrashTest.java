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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL while a fuzzy checkpoint is being written, with writers running: a child holds enough keys that a
 * snapshot takes a while, keeps 4 writer threads going, takes checkpoints back to back and reports each one it
 * sees running; the parent kills it at a random moment inside one. The reopened engine has every acknowledged
 * write (CrashWorkload's rule), left no partial snapshot, and recovered a state equal to a pure replay.
 */
class FuzzyCheckpointCrashTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    private static final int FILLER_KEYS = 150_000;
    private static final int CYCLES = 3;

    @TempDir
    Path dir;

    @Test
    void sigkillDuringAFuzzyCheckpointLosesNoAcknowledgedWrite() throws Exception {
        Path data = dir.resolve("data");
        Map<String, byte[]> model = new HashMap<>();
        Random rnd = new Random();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Process child = ChildProcess.start(Writer.class, data.toString(), Integer.toString(cycle));
            long[] acked = new long[CrashRecoveryTest.WORKLOAD.threads()];
            boolean killedInCheckpoint = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("checkpoint")) {
                        if (Integer.parseInt(line.split(" ")[1]) >= 2) { // the first runs right after the fill
                            Thread.sleep(rnd.nextInt(40)); // somewhere inside it (each takes well over 40 ms here)
                            child.toHandle().destroyForcibly(); // SIGKILL
                            killedInCheckpoint = true;
                        }
                    } else {
                        CrashWorkload.ack(acked, line);
                    }
                    if (killedInCheckpoint) {
                        while ((line = out.readLine()) != null) { // acknowledgements already in the pipe count too
                            if (!line.startsWith("checkpoint")) {
                                CrashWorkload.ack(acked, line);
                            }
                        }
                    }
                }
            }
            assertTrue(killedInCheckpoint, "the child ended before a checkpoint ran");
            assertTrue(child.waitFor(1, TimeUnit.MINUTES), "child did not die");
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(data).checkpointOnClose(false).build())) {
                model = CrashRecoveryTest.WORKLOAD.verify(engine, model, cycle, acked, FILLER_KEYS);
                assertEquals(pureReplayHash(data, cycle), engine.stateHash(), "cycle " + cycle);
            }
            try (Stream<Path> snapshots = Files.list(data.resolve(WarpEngine.SNAPSHOT_DIR))) {
                List<Path> partial = snapshots.filter(p -> p.toString().endsWith(".tmp")).toList();
                assertTrue(partial.isEmpty(), "the interrupted snapshot was left behind: " + partial);
            }
        }
        CrashWorkload.assertOnlyInterruptedSnapshotsRemoved(log);
    }

    /** The state hash of the journal alone, replayed into a copy without snapshots. */
    private long pureReplayHash(Path data, int cycle) throws Exception {
        Path copy = FuzzyCheckpointTest.copyWithSnapshots(data, dir.resolve("pure-" + cycle), List.of());
        EngineConfig config = EngineConfig.builder(copy).checkpointOnClose(false).journalRetention(false).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(0, engine.recovery().snapshotSequence());
            return engine.stateHash();
        }
    }

    /** The child: fills the state, then writes from THREADS threads while taking checkpoints back to back. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int cycle = Integer.parseInt(args[1]);
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            // Journal files are never deleted here, so the parent can replay the whole journal without snapshots.
            WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).journalRetention(false)
                    .checkpointEveryOperations(0).checkpointEverySeconds(0).build());
            if (cycle == 0) {
                byte[] filler = "f".repeat(200).getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < FILLER_KEYS; i++) {
                    engine.putAsync("filler-" + i, filler);
                }
            }
            CrashRecoveryTest.WORKLOAD.startWriters(engine, cycle, out);
            Thread reporter = new Thread(() -> {
                int last = 0;
                while (true) {
                    int running = engine.runningCheckpoint();
                    if (running != 0 && running != last) {
                        last = running;
                        synchronized (out) {
                            out.println("checkpoint " + running);
                            out.flush();
                        }
                    }
                    Thread.onSpinWait();
                }
            });
            reporter.setDaemon(true);
            reporter.start();
            while (true) {
                engine.checkpoint(); // runs until the parent kills it
            }
        }
    }
}
