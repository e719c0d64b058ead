package io.warpengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The journal's integrity rules, applied incrementally to the documents of a {@link JournalReader} from where it
 * stands: sequences are dense; an entry that does not decode is a torn write when it is the last one
 * ({@link JournalDamage.Kind#TORN_TAIL}) or when the next entry re-uses its sequence (skipped:
 * {@link JournalDamage.Kind#SUPERSEDED}); any other damage, or a gap, breaks the history, and reading stops there.
 * A file that records entries past the last readable one has lost them ({@link JournalDamage.Kind#LOST_TAIL}).
 *
 * <p>Reports what it finds and never logs or throws on damage: {@link JournalReader#replay} turns the findings into
 * the engine's exceptions and warnings, the journal tool into its reports. Reads go through the reader's tailer and
 * reusable frame buffer, so the only allocation per entry is the decoded entry. Not thread-safe.
 */
public final class JournalScanner {

    private final JournalReader reader;
    private final ExcerptTailer tailer;
    private final Journal journal;
    private final EntryCodec codec = new EntryCodec();

    private long lastSequence;
    private long lastIndex = Long.MIN_VALUE;
    private long lastDataStart;
    private String file;
    private int frameLength;
    private long documents;

    private String pendingError;
    private String pendingFile;
    private long pendingIndex;
    private long pendingDocument;

    private JournalDamage superseded;
    private int supersededCount;
    private JournalDamage damage;
    private long damageDocument;

    /** Scans the documents {@code reader} reads from its current position on. */
    public JournalScanner(JournalReader reader) {
        this.reader = reader;
        this.tailer = reader.tailer();
        this.journal = reader.journal();
    }

    /**
     * The next entry in order, damaged ones passed by the rules.
     *
     * @return null when no complete document follows (yet: a writer may still append; judge the end with
     *         {@link #tornTail()} and {@link #recordsUnreadEntries()}), or when the history breaks ({@link #damage()})
     */
    public JournalEntry next() {
        while (damage == null) {
            long index;
            int length;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                index = dc.index();
                Bytes<?> bytes = dc.wire().bytes();
                lastDataStart = bytes.readPosition();
                length = reader.readFrame(bytes);
            }
            documents++;
            if (index != lastIndex + 1) {
                file = journal.fileOf(index); // indices are consecutive within a file: a jump is a new file
                String foreign = journal.foreignFile(index);
                if (foreign != null) {
                    record(new JournalDamage(JournalDamage.Kind.FOREIGN_FILE, lastSequence + 1, file, index, foreign,
                            -1), documents);
                    return null;
                }
            }
            lastIndex = index;
            JournalEntry entry;
            try {
                entry = codec.decode(reader.frame(), length);
            } catch (CorruptEntryException e) {
                hold(e.getMessage());
                continue;
            }
            long seq = entry.sequence();
            if (lastSequence != 0 && seq != lastSequence + 1) {
                breakBefore(seq);
                return null;
            }
            superseded = pendingError == null ? null : supersede(seq);
            lastSequence = seq;
            frameLength = length;
            return entry;
        }
        return null;
    }

    // next()'s rare paths live in methods of their own, so that the code run per entry stays compact.

    /**
     * The document read last does not decode: it is held until what follows judges it, unless the one before it
     * did not decode either, which breaks the history.
     */
    private void hold(String error) {
        if (pendingError != null) {
            record(pending(JournalDamage.Kind.CORRUPT_ENTRY, lastSequence + 1), pendingDocument);
        } else {
            pendingError = error;
            pendingFile = file;
            pendingIndex = lastIndex;
            pendingDocument = documents;
        }
    }

    /** The entry with sequence {@code seq} does not continue the history: the held damaged entry or a gap breaks it. */
    private void breakBefore(long seq) {
        if (pendingError != null) {
            record(pending(JournalDamage.Kind.CORRUPT_ENTRY, lastSequence + 1), pendingDocument);
        } else {
            record(new JournalDamage(JournalDamage.Kind.GAP, lastSequence + 1, file, lastIndex, null, seq), documents);
        }
    }

    /** The held damaged entry, superseded by the entry with its sequence {@code seq}. */
    private JournalDamage supersede(long seq) {
        supersededCount++;
        JournalDamage torn = pending(JournalDamage.Kind.SUPERSEDED, seq);
        pendingError = null;
        return torn;
    }

    /**
     * Judges a damaged last entry, once {@link #next()} returned null without damage: a torn write when nothing
     * intact is recorded after it, else a break in the history. Records it as the damage and returns it; null when
     * the last document read is intact.
     */
    public JournalDamage tornTail() {
        if (damage != null || pendingError == null) {
            return null;
        }
        String intactAfter = intactAfter();
        if (intactAfter != null) { // not the end: intact history follows what does not decode
            return record(new JournalDamage(JournalDamage.Kind.CORRUPT_ENTRY, lastSequence + 1, pendingFile,
                    pendingIndex, pendingError + ", and " + intactAfter, -1), pendingDocument);
        }
        return record(pending(JournalDamage.Kind.TORN_TAIL, lastSequence + 1), pendingDocument);
    }

    /**
     * What intact history the journal records after the last entry read, or null when none: a later file holding
     * entries, or a last entry (at the write position the newest file records) with a later sequence. Reading
     * stopped short of it at a damaged stretch, not at the journal's end.
     */
    private String intactAfter() {
        if (journal.entriesInLaterFiles(lastIndex)) {
            return "later journal files hold entries";
        }
        long recorded = journal.lastRecordedSequence();
        return recorded > lastSequence ? "the file's last entry, sequence " + recorded + ", is intact" : null;
    }

    /**
     * Whether the file of the last entry read records entries after it that cannot be read. Asked when
     * {@link #tornTail()} found none. Without a writer they are lost ({@link #lostTail()}); a live writer can make
     * this true for a moment, between completing an entry and recording it.
     */
    public boolean recordsUnreadEntries() {
        return documents > 0 && (journal.recordedPastPosition(lastIndex, lastDataStart)
                || journal.entriesInLaterFiles(lastIndex));
    }

    /**
     * Records as the damage the unreadable entries that {@link #recordsUnreadEntries()} found, and returns it: a
     * tail to cut from the first of them ({@link JournalDamage.Kind#LOST_TAIL}) when nothing intact is recorded
     * after them ({@link #intactAfter()}); when something is (a zeroed page, a damaged document header), a stretch
     * that breaks the history ({@link JournalDamage.Kind#CORRUPT_ENTRY}), which cutting would lose intact entries to.
     */
    public JournalDamage lostTail() {
        long next = lastSequence + 1;
        String intactAfter = intactAfter();
        if (intactAfter != null) {
            return record(new JournalDamage(JournalDamage.Kind.CORRUPT_ENTRY, next, file, lastIndex + 1,
                    "entries from here on cannot be read (a damaged stretch: zeroed, or a broken document header), "
                            + "but " + intactAfter, -1), documents + 1);
        }
        return record(new JournalDamage(JournalDamage.Kind.LOST_TAIL, next, file, lastIndex + 1, null, -1),
                documents + 1);
    }

    /** The break in the history found so far, or null. */
    public JournalDamage damage() {
        return damage;
    }

    /** The torn entry that the entry {@link #next()} returned last superseded, or null. */
    public JournalDamage superseded() {
        return superseded;
    }

    /** Torn entries skipped so far because the next entry re-used their sequence. */
    public int supersededCount() {
        return supersededCount;
    }

    /** The sequence of the last entry returned, 0 before the first. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Bytes of the frame of the last entry returned (without Chronicle's header). */
    public int frameLength() {
        return frameLength;
    }

    /** The journal file of the last document read, or null before the first. */
    public String currentFile() {
        return file;
    }

    /** Documents read so far, whether they decode or not. */
    public long documentsRead() {
        return documents;
    }

    /**
     * After damage: how many documents a cut there removes, the damaged one and all after it to the end of the
     * journal, readable or not (reads the rest of the journal).
     */
    public long documentsFromDamage() {
        long rest = 0;
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                rest++;
            }
        }
        return documents - damageDocument + 1 + rest;
    }

    private JournalDamage pending(JournalDamage.Kind kind, long sequence) {
        return new JournalDamage(kind, sequence, pendingFile, pendingIndex, pendingError, -1);
    }

    /** Records {@code found} as the damage, at the {@code document}-th document read (counting from 1). */
    private JournalDamage record(JournalDamage found, long document) {
        damage = found;
        damageDocument = document;
        return found;
    }
}
