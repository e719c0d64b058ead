package io.warpengine.fault;

import io.warpengine.DataDirectoryId;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot or a journal file copied in from another data directory is never taken as this directory's state:
 * the snapshot is skipped for an older one, the journal file refused, naming it.
 */
class ForeignFilesTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(DataDirectoryId.class.getName(), SnapshotStore.class.getName());

    @TempDir
    Path root;

    private static void write(Path dir, String prefix, int keys) {
        write(dir, prefix, keys, true);
    }

    private static void write(Path dir, String prefix, int keys, boolean checkpoint) {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointOnClose(false).build())) {
            for (int i = 0; i < keys; i++) {
                engine.put(prefix + i, (prefix + "-value-" + i).getBytes(StandardCharsets.UTF_8));
            }
            if (checkpoint) {
                engine.checkpoint();
            }
        }
    }

    @Test
    void aJournalFileFromAnotherDirectoryIsRefusedByName() throws IOException {
        Path ours = root.resolve("ours");
        Path theirs = root.resolve("theirs");
        write(ours, "a", 100, false);
        write(theirs, "b", 100, false); // the same sequences: only the id tells the files apart
        Path foreign;
        try (Stream<Path> files = Files.list(theirs.resolve(WarpEngine.JOURNAL_DIR))) {
            foreign = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (Stream<Path> files = Files.list(ours.resolve(WarpEngine.JOURNAL_DIR))) {
            for (Path own : files.filter(p -> p.toString().endsWith(".cq4")).toList()) {
                Files.delete(own);
            }
        }
        Files.copy(foreign, ours.resolve(WarpEngine.JOURNAL_DIR).resolve(foreign.getFileName()));

        RuntimeException refused = assertThrows(RuntimeException.class, () -> WarpEngine.open(ours).close());
        assertTrue(refused.getMessage().contains(foreign.getFileName().toString())
                && refused.getMessage().contains("another data directory"), refused.getMessage());
    }

    private static Path newestSnapshot(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.SNAPSHOT_DIR))) {
            return files.filter(p -> p.toString().endsWith(".wsnap")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    @Test
    void aSnapshotFromAnotherDirectoryIsSkippedAndTheStateIsThisDirectorysOwn() throws IOException {
        Path ours = root.resolve("ours");
        Path theirs = root.resolve("theirs");
        write(ours, "a", 100);
        write(theirs, "b", 300); // a higher sequence: its file sorts as the newest once copied in
        Path foreign = newestSnapshot(theirs);
        Files.copy(foreign, ours.resolve(WarpEngine.SNAPSHOT_DIR).resolve(foreign.getFileName()));

        try (WarpEngine engine = WarpEngine.open(ours)) {
            assertEquals(100, engine.stats().keyCount(), "only this directory's keys");
            assertArrayEquals("a-value-7".getBytes(StandardCharsets.UTF_8), engine.get("a7").orElseThrow());
            assertTrue(engine.get("b7").isEmpty(), "nothing of the other directory's state");
            assertTrue(!engine.recovery().snapshotFile().getFileName().equals(foreign.getFileName()),
                    "recovery did not start from the foreign snapshot");
        }
        List<String> skipped = log.messages("WARN", SnapshotStore.class.getName());
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("Skipping snapshot " + ours.resolve(WarpEngine.SNAPSHOT_DIR)
                .resolve(foreign.getFileName()) + ": it was written in another data directory"), skipped.get(0));
    }

    @Test
    void aLostIdFileIsTakenAgainFromTheJournalWhenNoSnapshotHasIt() throws IOException {
        Path dir = root.resolve("journal-only");
        write(dir, "k", 50, false);
        Path idFile = dir.resolve(DataDirectoryId.FILE_NAME);
        String id = Files.readString(idFile);
        Files.delete(idFile);
        try (WarpEngine engine = WarpEngine.open(dir)) {
            assertEquals(50, engine.stats().keyCount(), "the journal is still this directory's");
        }
        assertEquals(id, Files.readString(idFile));
        assertEquals(List.of(idFile + " was missing: taking again the id " + id.trim()
                + " that the directory's files carry"), log.messages("WARN", DataDirectoryId.class.getName()));
    }

    @Test
    void aLostIdFileIsTakenAgainFromTheNewestSnapshot() throws IOException {
        Path dir = root.resolve("data");
        write(dir, "k", 50);
        Path idFile = dir.resolve(DataDirectoryId.FILE_NAME);
        String id = Files.readString(idFile);
        Files.delete(idFile);
        try (WarpEngine engine = WarpEngine.open(dir)) {
            assertTrue(engine.recovery().snapshotSequence() > 0, "the snapshot is still this directory's");
            assertEquals(50, engine.stats().keyCount());
        }
        assertEquals(id, Files.readString(idFile));
        assertEquals(List.of(idFile + " was missing: taking again the id " + id.trim()
                + " that the directory's files carry"), log.messages("WARN", DataDirectoryId.class.getName()));
    }
}
