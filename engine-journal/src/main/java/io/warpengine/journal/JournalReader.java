package io.warpengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Replays journal entries in order and checks that the history is whole, by the rules of {@link JournalScanner}.
 *
 * <p>A torn write (a damaged last entry, or one whose sequence the next entry re-uses after the crash that tore
 * it) is skipped with a warning. Any other damage, or a gap in the sequences, is corruption and stops the replay
 * with a {@link JournalCorruptedException} naming the sequence and the file.
 */
public final class JournalReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final ExcerptTailer tailer;
    private final Journal journal;
    private final EntryCodec codec = new EntryCodec();
    private byte[] frame = new byte[4096];

    JournalReader(ExcerptTailer tailer, Journal journal) {
        this.tailer = tailer;
        this.journal = journal;
    }

    /**
     * What a replay saw. {@code lastSequence} is 0 for an empty journal; {@code damagedTailIndex} is the
     * Chronicle index of a damaged last entry that was cut off, or -1.
     */
    public record ReplayResult(long entriesApplied, long lastSequence, int tornEntriesSkipped, long damagedTailIndex) {

        public boolean hasDamagedTail() {
            return damagedTailIndex >= 0;
        }
    }

    /**
     * Feeds {@code sink} every entry with a sequence of at least {@code fromSequence}, in order.
     *
     * @throws JournalCorruptedException when the history has a hole or damage that is not a torn write
     */
    public ReplayResult replay(long fromSequence, Consumer<JournalEntry> sink) {
        return replay(fromSequence, entry -> false, sink);
    }

    /**
     * As {@link #replay(long, Consumer)}, stopping before the first entry {@code stopBefore} accepts (used to
     * rebuild the state as of a sequence or a time); the result's last sequence is then the last one fed.
     */
    public ReplayResult replay(long fromSequence, Predicate<JournalEntry> stopBefore, Consumer<JournalEntry> sink) {
        positionBefore(fromSequence);
        JournalScanner scanner = new JournalScanner(this);
        long last = 0;
        long applied = 0;
        JournalEntry entry;
        while ((entry = scanner.next()) != null) {
            long seq = entry.sequence();
            if (last == 0 && seq > Math.max(fromSequence, 1)) {
                throw new JournalCorruptedException(fromSequence, scanner.currentFile(),
                        "journal starts at sequence " + seq);
            }
            JournalDamage torn = scanner.superseded();
            if (torn != null) {
                LOG.warn("Skipped a torn journal entry superseded by sequence {} in {}: {}", seq, torn.file(),
                        torn.entryError());
            }
            if (stopBefore.test(entry)) {
                return new ReplayResult(applied, last, scanner.supersededCount(), -1);
            }
            last = seq;
            if (seq >= fromSequence) {
                sink.accept(entry);
                applied++;
            }
        }
        JournalDamage damage = scanner.damage();
        if (damage != null) {
            String why = damage.kind() == JournalDamage.Kind.GAP ? "next entry has sequence " + damage.nextSequence()
                    : damage.entryError();
            throw new JournalCorruptedException(damage.sequence(), damage.file(), why);
        }
        JournalDamage tail = scanner.tornTail();
        if (tail == null && scanner.recordsUnreadEntries()) {
            // The file lost a stretch (truncated, or pages lost). New appends would land past the gap, out of a
            // reader's reach: the tail must be cut.
            tail = scanner.lostTail();
        }
        if (tail != null && !tail.tail()) { // intact history after what cannot be read: no cut without losing it
            throw new JournalCorruptedException(tail.sequence(), tail.file(), tail.entryError());
        }
        if (tail != null && tail.kind() == JournalDamage.Kind.TORN_TAIL) {
            LOG.warn("Cut off a torn journal tail after sequence {} in {}: {}", last, tail.file(), tail.entryError());
        } else if (tail != null) {
            LOG.warn("Journal {} records entries past the last readable one (sequence {}): cutting its tail",
                    tail.file(), last);
        }
        return tail == null ? new ReplayResult(applied, last, scanner.supersededCount(), -1)
                : new ReplayResult(applied, last, scanner.supersededCount() + 1, tail.index());
    }

    /**
     * Moves the tailer to the last entry before {@code sequence} (so replay checks continuity from there), by
     * binary search over the Chronicle indices of the cycle that holds it: sequences grow with the index. Falls
     * back to the journal's start ({@link #seekToStart()}) when the journal cannot be searched that way.
     */
    private void positionBefore(long sequence) {
        seekToStart();
        if (sequence <= 1) {
            return;
        }
        var rollCycle = journal.rollCycle();
        List<Integer> cycles = journal.cycles();
        for (int c = cycles.size() - 1; c >= 0; c--) {
            int cycle = cycles.get(c);
            long count = tailer.excerptsInCycle(cycle);
            long firstSeq = count > 0 ? firstSequenceOfCycle(cycle) : -1;
            if (firstSeq < 0 || firstSeq >= sequence) {
                continue; // the entry before `sequence` is in an older cycle
            }
            long lo = 0;
            long hi = count - 1; // invariant: the entry at lo has a sequence below `sequence`
            while (lo < hi) {
                long mid = (lo + hi + 1) >>> 1;
                long seq = sequenceAt(rollCycle.toIndex(cycle, mid));
                if (seq >= 0 && seq < sequence) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (!tailer.moveToIndex(rollCycle.toIndex(cycle, lo))) {
                seekToStart();
            }
            return;
        }
        seekToStart();
    }

    /**
     * Positions the reads (of a {@link JournalScanner} over this reader) on the last entry before {@code sequence},
     * as replay does, or on the journal's start.
     */
    public void seekBefore(long sequence) {
        positionBefore(sequence);
    }

    /**
     * Positions the reads (of a {@link JournalScanner} over this reader) on the journal's first entry, in the first
     * file that exists: Chronicle's own start is wrong in a read-only view whose metadata still names files deleted
     * since (by hand; the engine's deletions update it), and such a view cannot update the metadata.
     */
    public void seekToStart() {
        for (int cycle : journal.cycles()) {
            if (tailer.moveToIndex(journal.rollCycle().toIndex(cycle, 0))) {
                return;
            }
        }
        tailer.toStart();
    }

    /** The tailer a {@link JournalScanner} over this reader reads documents from, where the seeks put it. */
    ExcerptTailer tailer() {
        return tailer;
    }

    /** The journal read, for a {@link JournalScanner}'s file names and tail checks. */
    Journal journal() {
        return journal;
    }

    /** The bytes of the frame {@link #readFrame} copied last. */
    byte[] frame() {
        return frame;
    }

    /** Sequence of the first entry of {@code cycle}, or a negative number when it is missing or damaged. */
    long firstSequenceOfCycle(int cycle) {
        return sequenceAt(journal.rollCycle().toIndex(cycle, 0));
    }

    /** Sequence of the entry at Chronicle {@code index}, or a negative number when it is missing or damaged. */
    private long sequenceAt(long index) {
        return tailer.moveToIndex(index) ? readSequence() : -1;
    }

    /** The sequence of the first intact entry, or 0 when there is none; reads only the journal's start. */
    public long firstSequence() {
        seekToStart();
        return nextIntactSequence();
    }

    /** The sequence of the last intact entry, or 0 when there is none; reads only the journal's end. */
    public long lastSequence() {
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        try {
            return nextIntactSequence();
        } finally {
            tailer.direction(TailerDirection.FORWARD);
        }
    }

    /** From the tailer's position in its direction: the first entry that decodes (torn ones are passed), or 0. */
    private long nextIntactSequence() {
        while (true) {
            long seq = readSequence();
            if (seq != -1) {
                return Math.max(seq, 0);
            }
        }
    }

    /** The sequence of the entry at the tailer: -2 (reported as 0 above) when none is left, -1 when it is damaged. */
    private long readSequence() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -2;
            }
            int length = readFrame(dc.wire().bytes());
            return codec.decode(frame, length).sequence();
        } catch (CorruptEntryException damaged) {
            return -1;
        }
    }

    /** Copies the document's data into {@link #frame()} (grown as needed, so reads allocate nothing); its length. */
    int readFrame(Bytes<?> bytes) {
        int length = (int) bytes.readRemaining();
        if (frame.length < length) {
            frame = new byte[Integer.highestOneBit(length) << 1];
        }
        bytes.read(frame, 0, length);
        return length;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
