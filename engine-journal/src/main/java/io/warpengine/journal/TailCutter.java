package io.warpengine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Physically cuts a damaged tail off the journal. Skipping it on replay is not enough: Chronicle's appender
 * continues at the write position recorded in the file, past the damage, where a reader that stops at the
 * damage would never find the new entries. So the cycle file holding the damage is rewritten with the entries
 * before it (same cycle, same name) and the damaged file is kept in a backup directory.
 */
public final class TailCutter {

    private static final Logger LOG = LoggerFactory.getLogger(TailCutter.class);

    private TailCutter() {
    }

    /**
     * Rewrites the cycle file holding Chronicle index {@code damagedIndex} without that entry and anything after
     * it; the rebuilt file starts with {@code directoryId} (null: none, as before ids). The journal must not be
     * open in this process.
     *
     * @return the backup of the damaged file
     */
    public static Path cut(Path journalDir, String rollCycleName, long damagedIndex, Path backupDir, UUID directoryId) {
        RollCycle rollCycle = Journal.rollCycle(rollCycleName);
        int cycle = rollCycle.toCycle(damagedIndex);
        Path tmp = journalDir.resolveSibling(journalDir.getFileName() + ".cut-tmp");
        try {
            deleteRecursively(tmp);
            long kept = rebuild(journalDir, rollCycleName, cycle, damagedIndex, tmp, directoryId);
            Path damaged = journalDir.resolve(Journal.cycleFileName(rollCycle, cycle));
            Path rebuilt = tmp.resolve(Journal.cycleFileName(rollCycle, cycle));
            if (!Files.exists(damaged) || (kept > 0 && !Files.exists(rebuilt))) {
                throw new IllegalStateException("cutting the journal tail went wrong (expected " + damaged + " and "
                        + rebuilt + "); the journal was left untouched");
            }
            FileModes.OWNER.createDirectories(backupDir);
            Path backup = backupDir.resolve(damaged.getFileName() + ".damaged-" + System.currentTimeMillis());
            keep(damaged, backup);
            if (kept > 0) {
                force(rebuilt);
                Files.move(rebuilt, damaged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(damaged);
            }
            force(journalDir);
            deleteRecursively(tmp);
            LOG.warn("Cut the damaged journal tail off {}: kept {} entries of that file; the damaged file is kept as {}",
                    damaged, kept, backup);
            return backup;
        } catch (IOException | RuntimeException e) {
            // Before the move nothing in the journal changed: remove the partial copy so it takes no space.
            try {
                deleteRecursively(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot cut the damaged tail of the journal in " + journalDir + ": "
                    + e.getMessage() + "; the journal was left untouched",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Copies the entries of {@code cycle} before {@code damagedIndex} into a new journal in {@code tmp}, through
     * a {@link JournalWriter} (so a full disk fails before a byte is written, see {@link BlockAllocator}).
     *
     * @return the entries kept
     */
    private static long rebuild(Path journalDir, String rollCycleName, int cycle, long damagedIndex, Path tmp,
                                UUID directoryId) {
        RollCycle rollCycle = Journal.rollCycle(rollCycleName);
        long kept = 0;
        long cycleStartMillis = (long) cycle * rollCycle.lengthInMillis();
        try (SingleChronicleQueue source = SingleChronicleQueueBuilder.binary(journalDir).rollCycle(rollCycle).build();
             ExcerptTailer tailer = source.createTailer()) {
            if (!tailer.moveToCycle(cycle)) {
                return 0;
            }
            try (Journal target = Journal.open(tmp, rollCycleName,
                    new SetTimeProvider(Instant.ofEpochMilli(cycleStartMillis)), directoryId);
                 JournalWriter writer = target.writer()) {
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent() || dc.index() >= damagedIndex) {
                            return kept;
                        }
                        writer.appendFrame(dc.wire().bytes().toByteArray());
                        kept++;
                    }
                }
            }
        }
    }

    /**
     * Keeps the damaged file as {@code backup}: a hard link where it can (no space taken, and the journal keeps
     * its file until the rebuilt one replaces it), else a copy (which writes the whole pre-sized file out).
     */
    private static void keep(Path damaged, Path backup) throws IOException {
        try {
            Files.createLink(backup, damaged);
        } catch (IOException | UnsupportedOperationException noLink) {
            Files.copy(damaged, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** fsync of a file or a directory: the rebuilt file's bytes, or the rename, survive a power loss. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
