package io.warpengine;

import io.warpengine.snapshot.CheckpointReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints taken while 4 threads write (puts and deletes over shared keys, 3 shards) are fuzzy: later writes
 * are mixed into them. Recovery from each one alone equals a pure replay of the whole journal, and point-in-time
 * views before a fuzzy snapshot's end fall back to an older start and still equal the pure replay.
 */
class FuzzyCheckpointTest {

    private static final int KEYS = 20_000;

    @TempDir
    Path dir;

    private EngineConfig config(Path data) {
        return EngineConfig.builder(data).shards(3).snapshotsKeep(100).checkpointOnClose(false)
                .checkpointEveryOperations(0).checkpointEverySeconds(0).build();
    }

    @Test
    void fuzzySnapshotsUnderFourWritersRecoverToThePureReplay() throws Exception {
        Path data = dir.resolve("data");
        List<CheckpointReport> fuzzy = new ArrayList<>();
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            for (int i = 0; i < KEYS; i++) {
                engine.put("k" + i, ("initial-" + i).getBytes(StandardCharsets.UTF_8));
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread w = new Thread(() -> {
                    Random r = new Random(id);
                    while (!stop.get()) {
                        String key = "k" + r.nextInt(KEYS);
                        if (r.nextInt(4) == 0) {
                            engine.delete(key);
                        } else {
                            engine.put(key, ("w" + id + "-" + r.nextInt()).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                });
                w.start();
                writers.add(w);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (fuzzy.size() < 3 && System.nanoTime() < deadline) {
                engine.checkpoint();
                List<CheckpointReport> all = engine.checkpoints();
                CheckpointReport last = all.get(all.size() - 1);
                if (last.endSequence() > last.sequence()) {
                    fuzzy.add(last);
                }
            }
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            engine.put("after-the-writers", new byte[]{1}); // the journal goes on past every snapshot
        }
        assertFalse(fuzzy.isEmpty(), "no checkpoint overlapped a write: the test would prove nothing");

        Path pure = copyWithSnapshots(data, dir.resolve("pure"), List.of());
        long pureHash = stateHash(pure);
        for (CheckpointReport cut : fuzzy) {
            Path alone = copyWithSnapshots(data, dir.resolve("from-" + cut.sequence()),
                    List.of(snapshotName(cut.sequence())));
            try (WarpEngine engine = WarpEngine.open(config(alone))) {
                assertEquals(cut.sequence(), engine.recovery().snapshotSequence(), "recovery started from the snapshot");
                assertEquals(pureHash, engine.stateHash(), "recovery from fuzzy snapshot " + cut);
            }
            long inside = (cut.sequence() + cut.endSequence()) / 2; // a target the fuzzy snapshot cannot serve
            for (long target : new long[]{inside, cut.endSequence()}) {
                try (EngineView view = WarpEngine.openAt(config(data), new RecoveryTarget.AtSequence(target));
                     EngineView replayed = WarpEngine.openAt(config(pure), new RecoveryTarget.AtSequence(target))) {
                    assertEquals(replayed.stateHash(), view.stateHash(), "point-in-time view at " + target + " of " + cut);
                    assertTrue(view.recovery().snapshotSequence() <= target);
                    if (target < cut.endSequence()) {
                        assertNotEquals(cut.sequence(), view.recovery().snapshotSequence(),
                                "a fuzzy snapshot must not serve a target before its end");
                    }
                }
            }
        }
    }

    private static String snapshotName(long sequence) {
        return String.format("snapshot-%020d.wsnap", sequence);
    }

    private long stateHash(Path data) {
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            assertEquals(0, engine.recovery().snapshotSequence(), "a pure replay");
            return engine.stateHash();
        }
    }

    /**
     * Copies the data directory's id and journal, and of its snapshots only the named files, into {@code copy}. The id
     * goes along as with any copy of a data directory; without it the engine would take it again, with a warning.
     */
    static Path copyWithSnapshots(Path data, Path copy, List<String> snapshots) throws IOException {
        Path journal = data.resolve(WarpEngine.JOURNAL_DIR);
        Files.createDirectories(copy);
        Files.copy(data.resolve(DataDirectoryId.FILE_NAME), copy.resolve(DataDirectoryId.FILE_NAME));
        try (Stream<Path> files = Files.walk(journal)) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve(WarpEngine.JOURNAL_DIR).resolve(journal.relativize(p).toString()));
            }
        }
        Files.createDirectories(copy.resolve(WarpEngine.SNAPSHOT_DIR));
        for (String s : snapshots) {
            Files.copy(data.resolve(WarpEngine.SNAPSHOT_DIR).resolve(s), copy.resolve(WarpEngine.SNAPSHOT_DIR).resolve(s));
        }
        return copy;
    }
}
