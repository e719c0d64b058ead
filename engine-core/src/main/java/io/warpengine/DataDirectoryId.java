package io.warpengine;

import io.warpengine.journal.FileModes;
import io.warpengine.journal.Journal;
import io.warpengine.snapshot.SnapshotFiles;
import io.warpengine.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The id of a data directory ({@value #FILE_NAME}, a random UUID made at its first open), stamped into each
 * snapshot and at the start of each journal file: recovery skips a snapshot, and refuses a journal file, copied
 * in from another directory, instead of taking someone else's history for this one's. A copy of the whole
 * directory keeps its id. A lost id file is taken again from the newest snapshot, else the newest journal file.
 */
public final class DataDirectoryId {

    public static final String FILE_NAME = "warpengine.id";
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryId.class);

    private DataDirectoryId() {
    }

    /** The id of {@code dataDir}, or null when it has none (made before ids, or never opened). */
    public static UUID read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data directory id " + file, e);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a data directory id (a UUID) but '" + text
                    + "': restore it from a backup of the directory, or delete it to have it taken again from the "
                    + "newest snapshot or journal file");
        }
    }

    /**
     * The id of {@code dataDir}; when it has none, the one its newest snapshot or journal file carries, else a new
     * one; written durably with {@code modes}.
     */
    static UUID readOrCreate(Path dataDir, String rollCycle, FileModes modes) {
        UUID id = read(dataDir);
        if (id != null) {
            return id;
        }
        UUID found = SnapshotStore.newestDirectoryId(dataDir.resolve(WarpEngine.SNAPSHOT_DIR));
        Path journalDir = dataDir.resolve(WarpEngine.JOURNAL_DIR);
        if (found == null && Files.isDirectory(journalDir)) {
            try (Journal journal = Journal.openReadOnly(journalDir, rollCycle)) {
                found = journal.newestDirectoryId();
            }
        }
        if (found != null) {
            LOG.warn("{} was missing: taking again the id {} that the directory's files carry",
                    dataDir.resolve(FILE_NAME), found);
        }
        id = found != null ? found : UUID.randomUUID();
        write(dataDir, id, modes);
        return id;
    }

    /** Written as a snapshot is (temporary file, fsync, rename, directory fsync): whole or not at all. */
    private static void write(Path dataDir, UUID id, FileModes modes) {
        Path file = dataDir.resolve(FILE_NAME);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        SnapshotFiles files = SnapshotFiles.real(modes);
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = files.create(tmp)) {
                out.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            files.sync(tmp);
            files.move(tmp, file);
            files.syncDirectory(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data directory id " + file, e);
        }
    }
}
