package io.warpengine.journaltool;

import io.warpengine.journal.CorruptEntryException;
import io.warpengine.journal.EntryCodec;
import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the journal in order and applies the engine's replay rules ({@link JournalReader#replay}), but keeps the
 * place of the damage (file and Chronicle index, for repair) and never logs: sequences are dense; a damaged
 * entry is a torn write when nothing readable follows it, or when the next entry re-uses its sequence (skipped,
 * counted in {@link #superseded()}); any other damage, or a break in the sequences, stops the scan.
 *
 * <p>Safe beside a live writer: reads are read-only and an entry appears once it is complete. Not thread-safe.
 */
final class JournalScan implements AutoCloseable {

    /** Receives each entry in order; returns false to stop the scan. */
    interface Sink {
        boolean accept(JournalEntry entry);
    }

    /** A live writer records an entry a moment after completing it: only a record that stays unreadable is damage. */
    private static final int SETTLE_ATTEMPTS = 20;
    private static final long SETTLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Journal journal;
    private final JournalReader reader;
    private final EntryCodec codec = new EntryCodec();

    private long lastGood;
    private long lastIndex = Long.MIN_VALUE;
    private String file;
    private String pendingReason;
    private String pendingFile;
    private long pendingIndex;
    private long pendingFrame;
    private int superseded;
    private Damage damage;
    private long frames;
    private long damageFrame;

    private long entries;
    private long firstSequence;
    private long firstMicros;
    private long lastMicros;
    private long frameBytes;

    /** Scans the journal of {@code dir} (an absent journal reads as empty). */
    JournalScan(DataDirectory dir) {
        this.journal = dir.openJournal();
        this.reader = journal == null ? null : journal.reader();
        if (reader != null) {
            reader.seekToStart();
        }
    }

    /**
     * Continues from the last entry before {@code sequence}, or from the start when the journal has none before it.
     * Earlier entries are not fed again.
     */
    void seekBefore(long sequence) {
        if (reader != null) {
            reader.seekBefore(sequence);
        }
    }

    /**
     * Feeds {@code sink} every entry available now.
     *
     * @return true when it reached the end of what is written; false when the sink stopped it or damage did
     */
    boolean readAvailable(Sink sink) {
        if (damage != null || reader == null) {
            return damage == null;
        }
        int length;
        while ((length = reader.nextFrame()) >= 0) {
            frames++;
            long index = reader.frameIndex();
            if (index != lastIndex + 1) {
                file = reader.fileOf(index); // indices are consecutive within a file: a jump is a new file
            }
            lastIndex = index;
            JournalEntry entry;
            try {
                entry = codec.decode(reader.frame(), length);
            } catch (CorruptEntryException e) {
                if (pendingReason != null) {
                    return damagedAt(new Damage(lastGood + 1, pendingFile, pendingReason, pendingIndex, false), pendingFrame);
                }
                pendingReason = e.getMessage();
                pendingFile = file;
                pendingIndex = index;
                pendingFrame = frames;
                continue;
            }
            long seq = entry.sequence();
            if (lastGood != 0 && seq != lastGood + 1) {
                return pendingReason != null
                        ? damagedAt(new Damage(lastGood + 1, pendingFile, pendingReason, pendingIndex, false), pendingFrame)
                        : damagedAt(new Damage(lastGood + 1, file, "the next entry has sequence " + seq, index, false), frames);
            }
            if (pendingReason != null) {
                superseded++;
                pendingReason = null;
            }
            count(entry, length);
            if (!sink.accept(entry)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Feeds {@code sink} every entry up to the end of the journal, then judges the end: a damaged last entry, or a
     * file that records entries it cannot show, is damage.
     *
     * @return the damage, or null when the history read was whole (or the sink stopped first)
     */
    Damage readToEnd(Sink sink) {
        int unchanged = 0;
        while (true) {
            long before = lastIndex;
            if (!readAvailable(sink)) {
                return damage;
            }
            if (pendingReason != null) {
                damagedAt(new Damage(lastGood + 1, pendingFile, pendingReason, pendingIndex, true), pendingFrame);
                return damage;
            }
            if (reader == null || !reader.recordsEntriesPastLastFrame()) {
                return null;
            }
            unchanged = lastIndex == before ? unchanged + 1 : 0;
            if (unchanged > SETTLE_ATTEMPTS) {
                damagedAt(new Damage(lastGood + 1, file, "the file records entries after sequence " + lastGood
                        + " that cannot be read (cut short, or pages lost)", lastIndex + 1, true), frames + 1);
                return damage;
            }
            LockSupport.parkNanos(SETTLE_PAUSE_NANOS);
        }
    }

    /** Records the damage, found at the {@code frame}-th document read (counting from 1); returns false. */
    private boolean damagedAt(Damage found, long frame) {
        damage = found;
        damageFrame = frame;
        return false;
    }

    /**
     * After damage: the documents from the damaged one to the end of the journal, readable or not (reads the rest).
     * What cutting there removes, besides what was never readable.
     */
    long documentsFromDamage() {
        long rest = 0;
        while (reader.nextFrame() >= 0) {
            rest++;
        }
        return frames - damageFrame + 1 + rest;
    }

    private void count(JournalEntry entry, int length) {
        if (entries == 0) {
            firstSequence = entry.sequence();
            firstMicros = entry.timestampMicros();
        }
        entries++;
        lastGood = entry.sequence();
        lastMicros = entry.timestampMicros();
        frameBytes += length;
    }

    /** The damage found so far, or null. */
    Damage damage() {
        return damage;
    }

    /** Entries read in order (after the seek), whether or not a sink wanted them. */
    long entries() {
        return entries;
    }

    long firstSequence() {
        return firstSequence;
    }

    /** The last sequence read in order, 0 when none. */
    long lastSequence() {
        return lastGood;
    }

    long firstMicros() {
        return firstMicros;
    }

    long lastMicros() {
        return lastMicros;
    }

    /** Bytes of the entries read (our frames, without Chronicle's headers and indices). */
    long frameBytes() {
        return frameBytes;
    }

    /** Torn entries skipped because the next entry re-used their sequence (harmless: the engine does the same). */
    int superseded() {
        return superseded;
    }

    /** The journal file of the entry read last, or null. */
    String currentFile() {
        return file;
    }

    /** First and last intact sequence (0 when empty), read at the two ends of the journal only. */
    long[] bounds() {
        if (journal == null) {
            return new long[]{0, 0};
        }
        try (JournalReader probe = journal.reader()) {
            return new long[]{probe.firstSequence(), probe.lastSequence()};
        }
    }

    /** The roll cycle the journal's files use (its metadata's), for repair. */
    String rollCycleName() {
        return journal == null ? null : journal.rollCycleName();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        if (journal != null) {
            journal.close();
        }
    }
}
