package io.warpengine.journaltool;

import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalDamage;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.JournalScanner;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a data directory's journal in order by the engine's rules ({@link JournalScanner}), never logging, and
 * counts what it reads for the reports; judges the end of the journal as a reader beside a live writer must.
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
    private final JournalScanner scanner;

    private long entries;
    private long firstSequence;
    private long firstMicros;
    private long lastMicros;
    private long frameBytes;

    /** Scans the journal of {@code dir} (an absent journal reads as empty). */
    JournalScan(DataDirectory dir) {
        this.journal = dir.openJournal();
        this.reader = journal == null ? null : journal.reader();
        this.scanner = reader == null ? null : new JournalScanner(reader);
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
        if (scanner == null) {
            return true;
        }
        JournalEntry entry;
        while ((entry = scanner.next()) != null) {
            count(entry);
            if (!sink.accept(entry)) {
                return false;
            }
        }
        return scanner.damage() == null;
    }

    /**
     * Feeds {@code sink} every entry up to the end of the journal, then judges the end: a damaged last entry, or a
     * file that records entries it cannot show, is damage.
     *
     * @return the damage, or null when the history read was whole (or the sink stopped first)
     */
    JournalDamage readToEnd(Sink sink) {
        int unchanged = 0;
        while (true) {
            long before = scanner == null ? 0 : scanner.documentsRead();
            if (!readAvailable(sink)) {
                return damage();
            }
            if (scanner == null) {
                return null;
            }
            JournalDamage torn = scanner.tornTail();
            if (torn != null) {
                return torn;
            }
            if (!scanner.recordsUnreadEntries()) {
                return null;
            }
            unchanged = scanner.documentsRead() == before ? unchanged + 1 : 0;
            if (unchanged > SETTLE_ATTEMPTS) {
                return scanner.lostTail();
            }
            LockSupport.parkNanos(SETTLE_PAUSE_NANOS);
        }
    }

    /**
     * After damage: the documents from the damaged one to the end of the journal, readable or not (reads the rest).
     * What cutting there removes, besides what was never readable.
     */
    long documentsFromDamage() {
        return scanner.documentsFromDamage();
    }

    private void count(JournalEntry entry) {
        if (entries == 0) {
            firstSequence = entry.sequence();
            firstMicros = entry.timestampMicros();
        }
        entries++;
        lastMicros = entry.timestampMicros();
        frameBytes += scanner.frameLength();
    }

    /** The damage found so far, or null. */
    JournalDamage damage() {
        return scanner == null ? null : scanner.damage();
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
        return scanner == null ? 0 : scanner.lastSequence();
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
        return scanner == null ? 0 : scanner.supersededCount();
    }

    /** The journal file of the entry read last, or null. */
    String currentFile() {
        return scanner == null ? null : scanner.currentFile();
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
