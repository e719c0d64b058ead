package io.warpengine.journaltool;

import io.warpengine.DataDirectoryId;
import io.warpengine.WarpEngine;
import io.warpengine.journal.Journal;
import io.warpengine.snapshot.SnapshotFiles;
import io.warpengine.snapshot.SnapshotStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data directory laid out as {@link WarpEngine#open} lays it out ({@code journal/}, {@code snapshots/},
 * {@code journal-backup/}, the lock file), checked before any verb reads it. Everything opened here is
 * read-only, so it is safe beside an engine that is writing.
 */
final class DataDirectory {

    private static final String JOURNAL_FILE_SUFFIX = ".cq4";

    private final Path root;
    private final String rollCycle;

    private DataDirectory(Path root, String rollCycle) {
        this.root = root;
        this.rollCycle = rollCycle;
    }

    /**
     * @param rollCycle the configured roll cycle; the journal's own metadata wins when it says otherwise
     * @throws IllegalArgumentException when {@code root} is missing or is not a WarpEngine data directory
     */
    static DataDirectory open(Path root, String rollCycle) {
        if (!Files.exists(root)) {
            throw new IllegalArgumentException("data directory " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory; expected a WarpEngine data directory");
        }
        if (!Files.isDirectory(root.resolve(WarpEngine.JOURNAL_DIR)) && !Files.isDirectory(root.resolve(WarpEngine.SNAPSHOT_DIR))) {
            throw new IllegalArgumentException(root + " is not a WarpEngine data directory: expected a "
                    + WarpEngine.JOURNAL_DIR + "/ or " + WarpEngine.SNAPSHOT_DIR + "/ subdirectory in it");
        }
        return new DataDirectory(root, rollCycle);
    }

    Path root() {
        return root;
    }

    Path journalDir() {
        return root.resolve(WarpEngine.JOURNAL_DIR);
    }

    Path backupDir() {
        return root.resolve(WarpEngine.JOURNAL_BACKUP_DIR);
    }

    /** The journal, read-only; null when the directory has snapshots but no journal. */
    Journal openJournal() {
        return Files.isDirectory(journalDir())
                ? Journal.openReadOnly(journalDir(), rollCycle, DataDirectoryId.read(root)) : null;
    }

    /** The snapshots, read-only (nothing is created or cleaned). */
    SnapshotStore snapshots() {
        return new SnapshotStore(root.resolve(WarpEngine.SNAPSHOT_DIR), 1, true, SnapshotFiles.REAL,
                DataDirectoryId.read(root));
    }

    /** The journal's cycle files, oldest first (Chronicle names them by the cycle's start time). */
    List<Path> journalFiles() {
        if (!Files.isDirectory(journalDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(journalDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(JOURNAL_FILE_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + journalDir(), e);
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted by journal retention between listing and sizing
        }
    }
}
