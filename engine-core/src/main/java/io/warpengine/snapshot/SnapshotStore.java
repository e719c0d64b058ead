package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshot files of a data directory, {@code snapshot-<sequence>.wsnap}. A snapshot is written to a
 * temporary file, fsynced, renamed into place atomically and the directory fsynced, so a crash leaves either
 * the whole new file or none of it; only the newest {@code keep} are kept.
 */
public final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.wsnap");
    private static final String TMP_SUFFIX = ".tmp";

    private final Path directory;
    private final int keep;
    private final boolean readOnly;
    private final SnapshotFiles io;
    /** The data directory's id, stamped into each snapshot; null when not known. */
    private final UUID directoryId;

    /** A snapshot that read and verified, and the file it came from. */
    public record Loaded(Path file, Snapshot snapshot) {
    }

    public SnapshotStore(Path directory, int keep) {
        this(directory, keep, false);
    }

    /** @param readOnly when true, nothing in the directory is created, cleaned or written */
    public SnapshotStore(Path directory, int keep, boolean readOnly) {
        this(directory, keep, readOnly, SnapshotFiles.REAL, null);
    }

    /**
     * @param io          how the store writes, syncs and renames its files (a seam for fault tests)
     * @param directoryId the data directory's id, stamped into each snapshot written; loading skips a snapshot
     *                    stamped with another (null: none, and no check)
     */
    public SnapshotStore(Path directory, int keep, boolean readOnly, SnapshotFiles io, UUID directoryId) {
        this.io = io;
        this.directoryId = directoryId;
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        this.directory = directory;
        this.keep = keep;
        this.readOnly = readOnly;
        if (readOnly) {
            return;
        }
        try {
            io.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path stale : files.filter(p -> p.getFileName().toString().endsWith(TMP_SUFFIX)).toList()) {
                    LOG.warn("Removing {}, a snapshot whose writing was interrupted", stale);
                    Files.delete(stale);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare snapshot directory " + directory, e);
        }
    }

    /** The data directory id stamped into the newest snapshot in {@code directory} that verifies and has one, or null. */
    public static UUID newestDirectoryId(Path directory) {
        for (Path file : new SnapshotStore(directory, 1, true).files()) {
            try (InputStream in = Files.newInputStream(file)) {
                UUID id = SnapshotFormat.readWithDirectory(in).directory();
                if (id != null) {
                    return id;
                }
            } catch (IOException e) {
                LOG.debug("{} does not verify: {}", file, e.getMessage());
            }
        }
        return null;
    }

    /** A snapshot file written: where, and how many entries it holds. */
    public record Written(Path file, long entries) {
    }

    /**
     * Writes a snapshot of {@code snapshot} durably (its file is named by its starting sequence), then deletes the
     * snapshots beyond the newest {@code keep}.
     */
    public Written write(SnapshotSource snapshot) {
        if (readOnly) {
            throw new IllegalStateException("snapshot store " + directory + " is open read-only");
        }
        Path target = directory.resolve(String.format("snapshot-%020d.wsnap", snapshot.sequence()));
        Path tmp = directory.resolve(target.getFileName() + TMP_SUFFIX);
        long entries;
        try {
            try (OutputStream out = io.create(tmp)) {
                entries = SnapshotFormat.write(out, snapshot, directoryId);
            }
            io.sync(tmp);
            io.move(tmp, target);
            io.syncDirectory(directory);
            prune();
            return new Written(target, entries);
        } catch (IOException | RuntimeException e) { // the source may abandon the snapshot (an unchecked exception)
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof RuntimeException r ? r : new UncheckedIOException("cannot write snapshot " + target,
                    (IOException) e);
        }
    }

    /** The snapshot files present, newest (highest sequence) first. */
    public List<Path> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(SnapshotStore::sequenceOf).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshot directory " + directory, e);
        }
    }

    /**
     * The newest snapshot that verifies, at or below {@code maxSequence}; a file that fails verification is
     * skipped with a warning and the next older one is tried.
     */
    public Optional<Loaded> loadNewestValid(long maxSequence) {
        return loadNewestValid(maxSequence, Long.MAX_VALUE);
    }

    /**
     * As {@link #loadNewestValid(long)}, also skipping snapshots that may hold an entry written after
     * {@code maxTimestampMicros}. A fuzzy snapshot serves only targets at or after its end: it may hold any entry
     * up to its end sequence.
     */
    public Optional<Loaded> loadNewestValid(long maxSequence, long maxTimestampMicros) {
        return loadNewest(maxSequence, maxTimestampMicros).loaded();
    }

    /**
     * What {@link #loadNewestValid(long, long)} found: the snapshot loaded, and the newer ones skipped because they
     * do not verify, with why (a caller whose history ends before such a file's sequence has lost what it held).
     */
    public record Loading(Optional<Loaded> loaded, Map<Path, String> damaged) {
    }

    /** As {@link #loadNewestValid(long, long)}, with the damaged files it skipped. */
    public Loading loadNewest(long maxSequence, long maxTimestampMicros) {
        return loadNewest(maxSequence, maxTimestampMicros, null);
    }

    /**
     * As {@link #loadNewest(long, long)}; with a {@code sink}, the loaded snapshot's entries go to it instead of into
     * the snapshot (whose arrays are then empty), so that a snapshot larger than memory loads. The file is verified
     * by a first pass that keeps nothing, then read again into the sink.
     *
     * @throws IllegalStateException when the file verified but its second reading did not: the sink has seen part
     *                               of a file that changed underneath
     */
    public Loading loadNewest(long maxSequence, long maxTimestampMicros, SnapshotSource.EntryVisitor sink) {
        Map<Path, String> damaged = new LinkedHashMap<>();
        for (Path file : files()) {
            if (sequenceOf(file) > maxSequence) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                SnapshotFormat.Read read = SnapshotFormat.readWithDirectory(in, sink == null ? null : DISCARD);
                if (directoryId != null && read.directory() != null && !directoryId.equals(read.directory())) {
                    LOG.warn("Skipping snapshot {}: it was written in another data directory (id {}, this one's {}); "
                            + "falling back to an older one", file, read.directory(), directoryId);
                    continue;
                }
                Snapshot snapshot = read.snapshot();
                if (snapshot.endSequence() <= maxSequence && snapshot.endTimestampMicros() <= maxTimestampMicros) {
                    return new Loading(Optional.of(new Loaded(file, sink == null ? snapshot : stream(file, sink))),
                            damaged);
                }
            } catch (IOException e) {
                LOG.warn("Skipping snapshot {}: {}; falling back to an older one", file, e.getMessage());
                damaged.put(file, e.getMessage());
            }
        }
        return new Loading(Optional.empty(), damaged);
    }

    /** An entry visitor that keeps nothing: a verifying pass. */
    private static final SnapshotSource.EntryVisitor DISCARD = new SnapshotSource.EntryVisitor() {
        @Override
        public void value(String key, byte[] stored) {
        }

        @Override
        public void deep(String key, DeepValue deep) {
        }
    };

    private static Snapshot stream(Path file, SnapshotSource.EntryVisitor sink) {
        try (InputStream in = Files.newInputStream(file)) {
            return SnapshotFormat.readWithDirectory(in, sink).snapshot();
        } catch (IOException e) {
            throw new IllegalStateException("snapshot " + file + " verified, then failed to read again (" + e.getMessage()
                    + "): did something change it? Open again to recover from the files as they are now.", e);
        }
    }

    /**
     * Reads and verifies one snapshot file.
     *
     * @throws CorruptSnapshotException when the file does not verify
     */
    public static Snapshot read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return SnapshotFormat.read(in);
        }
    }

    /** Sequence of the oldest snapshot kept, or 0 when there is none. */
    public long oldestSequence() {
        List<Path> all = files();
        return all.isEmpty() ? 0 : sequenceOf(all.get(all.size() - 1));
    }

    /** The engine sequence a snapshot file name carries. */
    public static long sequenceOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file + " is not a snapshot file name");
        }
        return Long.parseLong(m.group(1));
    }

    private void prune() throws IOException {
        List<Path> all = new ArrayList<>(files());
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            Files.delete(old);
        }
    }
}
