package io.warpengine.snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The id of a data directory, kept beside its snapshots ({@value #FILE_NAME} in the snapshot directory, a random
 * UUID made when its snapshot store first opens) and stamped into every snapshot it writes: recovery skips a
 * snapshot copied in from another directory instead of loading someone else's state. A copy of the whole data
 * directory keeps its id, and so its snapshots.
 */
final class DirectoryIdentity {

    static final String FILE_NAME = "directory.id";
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryIdentity.class);

    private DirectoryIdentity() {
    }

    /** The id kept in {@code dir}, or null when there is none. */
    static UUID read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " does not hold a data directory id (a UUID) but '" + text
                        + "': restore it from a backup of the directory, or delete it to have the newest snapshot's "
                        + "id taken again");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the data directory id " + file, e);
        }
    }

    /**
     * The id kept in {@code dir}; when there is none, {@code adopted}'s (the id of the newest snapshot: a
     * directory whose id file was lost keeps its snapshots) or a new one, written durably through {@code io}.
     */
    static UUID readOrCreate(Path dir, SnapshotFiles io, Supplier<UUID> adopted) throws IOException {
        UUID id = read(dir);
        if (id != null) {
            return id;
        }
        UUID found = adopted.get();
        if (found != null) {
            LOG.warn("{} was missing: taking the id {} of the newest snapshot", dir.resolve(FILE_NAME), found);
        }
        id = found != null ? found : UUID.randomUUID();
        Path file = dir.resolve(FILE_NAME);
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        try (OutputStream out = io.create(tmp)) {
            out.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        io.sync(tmp);
        io.move(tmp, file);
        io.syncDirectory(dir);
        return id;
    }
}
