package io.warpengine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
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
     * it. The journal must not be open in this process.
     *
     * @return the backup of the damaged file
     */
    public static Path cut(Path journalDir, String rollCycleName, long damagedIndex, Path backupDir) {
        RollCycle rollCycle = Journal.rollCycle(rollCycleName);
        int cycle = rollCycle.toCycle(damagedIndex);
        Path tmp = journalDir.resolveSibling(journalDir.getFileName() + ".cut-tmp");
        try {
            deleteRecursively(tmp);
            long kept = 0;
            long cycleStartMillis = (long) cycle * rollCycle.lengthInMillis();
            try (SingleChronicleQueue source = SingleChronicleQueueBuilder.binary(journalDir).rollCycle(rollCycle).build();
                 SingleChronicleQueue target = SingleChronicleQueueBuilder.binary(tmp).rollCycle(rollCycle)
                         .timeProvider(new SetTimeProvider(Instant.ofEpochMilli(cycleStartMillis))).build();
                 ExcerptTailer tailer = source.createTailer();
                 ExcerptAppender appender = target.createAppender()) {
                if (tailer.moveToCycle(cycle)) {
                    while (true) {
                        try (DocumentContext dc = tailer.readingDocument()) {
                            if (!dc.isPresent() || dc.index() >= damagedIndex) {
                                break;
                            }
                            byte[] frame = dc.wire().bytes().toByteArray();
                            try (DocumentContext out = appender.writingDocument()) {
                                out.wire().bytes().write(frame);
                            }
                            kept++;
                        }
                    }
                }
            }
            Path damaged = journalDir.resolve(Journal.cycleFileName(rollCycle, cycle));
            Path rebuilt = tmp.resolve(Journal.cycleFileName(rollCycle, cycle));
            if (!Files.exists(damaged) || (kept > 0 && !Files.exists(rebuilt))) {
                throw new IllegalStateException("cutting the journal tail went wrong (expected " + damaged + " and "
                        + rebuilt + "); the journal was left untouched");
            }
            Files.createDirectories(backupDir);
            Path backup = backupDir.resolve(damaged.getFileName() + ".damaged-" + System.currentTimeMillis());
            Files.copy(damaged, backup, StandardCopyOption.COPY_ATTRIBUTES);
            if (kept > 0) {
                Files.move(rebuilt, damaged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(damaged);
            }
            deleteRecursively(tmp);
            LOG.warn("Cut the damaged journal tail off {}: kept {} entries of that file; the damaged file is kept as {}",
                    damaged, kept, backup);
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cut the damaged tail of the journal in " + journalDir, e);
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
