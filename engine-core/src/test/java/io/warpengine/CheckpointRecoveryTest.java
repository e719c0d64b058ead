package io.warpengine;

import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.JournalWriter;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointRecoveryTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    @TempDir
    Path dir;

    private final Map<String, byte[]> model = new HashMap<>();
    private final Random rnd = new Random(11);

    private EngineConfig.Builder config() {
        return EngineConfig.builder(dir).checkpointOnClose(false).checkpointEveryOperations(0).checkpointEverySeconds(0);
    }

    private void randomWrites(WarpEngine engine, int n) {
        for (int i = 0; i < n; i++) {
            String key = "k" + rnd.nextInt(300);
            if (rnd.nextInt(4) == 0) {
                engine.delete(key);
                model.remove(key);
            } else {
                byte[] v = ("v" + rnd.nextLong()).getBytes(StandardCharsets.UTF_8);
                engine.put(key, v);
                model.put(key, v);
            }
        }
    }

    private void assertModel(WarpEngine engine) {
        assertEquals(model.size(), engine.stats().keyCount());
        model.forEach((k, v) -> assertArrayEquals(v, engine.get(k).orElseThrow(), k));
    }

    /** Snapshot plus the journal after it gives exactly the state a full replay gives. */
    @Test
    void snapshotPlusJournalEqualsPureReplay() throws Exception {
        long hash;
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            randomWrites(engine, 1000);
            assertEquals(1000, engine.checkpoint());
            randomWrites(engine, 500);
            hash = engine.stateHash();
        }
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            RecoveryReport r = engine.recovery();
            assertEquals(1000, r.snapshotSequence());
            assertEquals(500, r.entriesReplayed());
            assertEquals(1500, r.lastSequence());
            assertEquals(hash, engine.stateHash());
            assertModel(engine);
        }
        deleteRecursively(dir.resolve(WarpEngine.SNAPSHOT_DIR));
        try (WarpEngine engine = WarpEngine.open(config().shards(3).build())) {
            assertNull(engine.recovery().snapshotFile());
            assertEquals(1500, engine.recovery().entriesReplayed());
            assertEquals(hash, engine.stateHash(), "pure replay into 3 shards gives the same state");
        }
    }

    /** A snapshot that fails its checksum is skipped for the next older one; nothing is lost. */
    @Test
    void corruptNewestSnapshotFallsBackToTheOlder() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            randomWrites(engine, 400);
            assertEquals(400, engine.checkpoint());
            randomWrites(engine, 400);
            assertEquals(800, engine.checkpoint());
            randomWrites(engine, 100);
        }
        Path newest = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3).files().get(0);
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            assertEquals(400, engine.recovery().snapshotSequence());
            assertEquals(500, engine.recovery().entriesReplayed());
            assertModel(engine);
        }
        assertSkipped(List.of(newest));
    }

    /** Every snapshot damaged while the journal still reaches sequence 1: a full replay, nothing lost. */
    @Test
    void everySnapshotDamagedFallsBackToAFullReplay() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            randomWrites(engine, 300);
            engine.checkpoint();
            randomWrites(engine, 300);
            engine.checkpoint();
            randomWrites(engine, 50);
        }
        List<Path> snapshots = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3).files();
        for (Path snapshot : snapshots) {
            byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length - 1] ^= 1; // the checksum itself
            Files.write(snapshot, bytes);
        }
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            assertNull(engine.recovery().snapshotFile());
            assertEquals(650, engine.recovery().entriesReplayed());
            assertModel(engine);
        }
        assertSkipped(snapshots);
    }

    /**
     * Every snapshot damaged, and the journal's start deleted by retention: the engine refuses to open with an
     * error that says what is missing and how to recover, rather than opening on a partial state.
     */
    @Test
    void everySnapshotDamagedAndTheJournalTrimmedIsAClearError() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config().build())) {
            randomWrites(engine, 100);
            assertEquals(100, engine.checkpoint());
        }
        Path snapshot = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3).files().get(0);
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[20] ^= 1;
        Files.write(snapshot, bytes);
        deleteRecursively(dir.resolve(WarpEngine.JOURNAL_DIR)); // as if retention had deleted entries 1-100
        try (Journal journal = Journal.open(dir.resolve(WarpEngine.JOURNAL_DIR), "FIVE_MINUTELY", false);
             JournalWriter writer = journal.writer()) {
            writer.appendPut(101, 1, "k".getBytes(StandardCharsets.UTF_8), new byte[1]);
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WarpEngine.open(config().build()));
        assertTrue(e.getMessage().contains("the journal starts at sequence 101 but entries from 1 are needed"), e.getMessage());
        assertTrue(e.getMessage().contains("no newer snapshot verifies among"), e.getMessage());
        assertTrue(e.getMessage().contains("restore a good snapshot"), e.getMessage());
        IllegalStateException again = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WarpEngine.open(config().build()));
        assertEquals(e.getMessage(), again.getMessage(), "the refusal released the lock and changed nothing");
        assertSkipped(List.of(snapshot, snapshot));
    }

    /** Recovery warned once for each of {@code snapshots}, newest first, that it skipped it as damaged. */
    private void assertSkipped(List<Path> snapshots) {
        List<String> warnings = log.messages("WARN", SnapshotStore.class.getName());
        assertEquals(snapshots.size(), warnings.size(), warnings.toString());
        for (int i = 0; i < snapshots.size(); i++) {
            String warning = warnings.get(i);
            assertTrue(warning.startsWith("Skipping snapshot " + snapshots.get(i) + ": ")
                    && warning.endsWith("; falling back to an older one"), warning);
        }
    }

    @Test
    void cleanCloseCheckpointsAndNothingChangedWritesNoNewSnapshot() {
        try (WarpEngine engine = WarpEngine.open(config().checkpointOnClose(true).build())) {
            randomWrites(engine, 50);
        }
        try (WarpEngine engine = WarpEngine.open(config().checkpointOnClose(true).build())) {
            assertEquals(50, engine.recovery().snapshotSequence());
            assertEquals(0, engine.recovery().entriesReplayed());
            assertEquals(50, engine.checkpoint(), "no change since the snapshot: its sequence, no new file");
            assertModel(engine);
        }
        assertEquals(1, new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3).files().size());
    }

    @Test
    void checkpointsAreTakenEveryNOperations() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config().checkpointEveryOperations(1000).build())) {
            SnapshotStore store = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3);
            randomWrites(engine, 2500);
            long first = awaitSnapshotAtLeast(store, 1000);
            randomWrites(engine, 1000);
            awaitSnapshotAtLeast(store, first + 1000);
        }
    }

    /** Waits for the automatic trigger to write a snapshot at or after {@code sequence}; returns its sequence. */
    private static long awaitSnapshotAtLeast(SnapshotStore store, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (store.files().isEmpty() || SnapshotStore.sequenceOf(store.files().get(0)) < sequence) {
            assertTrue(System.nanoTime() < deadline, "no automatic checkpoint at or after " + sequence + "; files: " + store.files());
            TimeUnit.MILLISECONDS.sleep(5); // polling a file system with a deadline, not synchronising threads
        }
        return SnapshotStore.sequenceOf(store.files().get(0));
    }

    private static void deleteRecursively(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
