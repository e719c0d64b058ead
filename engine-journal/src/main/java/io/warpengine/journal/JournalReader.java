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
 * Replays journal entries in order and checks that the history is whole.
 *
 * <p>Rules: sequences are dense. An entry that fails its CRC is a torn write when it is the last one, or when
 * the next valid entry carries the same sequence (the engine re-used it after the crash that tore it): it is
 * skipped with a warning. Any other damage, or a gap in the sequences, is corruption and stops the replay with
 * a {@link JournalCorruptedException} naming the sequence and the file.
 */
public final class JournalReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final ExcerptTailer tailer;
    private final Journal journal;
    private final EntryCodec codec = new EntryCodec();
    private byte[] frame = new byte[4096];
    private long frameIndex = -1;
    private long frameDataStart = -1;

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
        long lastGood = 0;
        long applied = 0;
        int torn = 0;
        String pendingDamage = null;
        long pendingIndex = -1;
        long lastReadIndex = -1;
        long lastReadDataStart = -1;
        while (true) {
            JournalEntry entry;
            long index;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                lastReadIndex = index;
                lastReadDataStart = dc.wire().bytes().readPosition();
                int length = readFrame(dc.wire().bytes());
                try {
                    entry = codec.decode(frame, length);
                } catch (CorruptEntryException e) {
                    if (pendingDamage != null) {
                        throw corrupted(lastGood + 1, pendingIndex, pendingDamage);
                    }
                    pendingDamage = e.getMessage();
                    pendingIndex = index;
                    continue;
                }
            }
            long seq = entry.sequence();
            if (lastGood != 0 && seq != lastGood + 1) {
                throw corrupted(lastGood + 1, pendingIndex >= 0 ? pendingIndex : index,
                        pendingDamage != null ? pendingDamage : "next entry has sequence " + seq);
            }
            if (lastGood == 0 && seq > Math.max(fromSequence, 1)) {
                throw corrupted(fromSequence, index, "journal starts at sequence " + seq);
            }
            if (pendingDamage != null) {
                LOG.warn("Skipped a torn journal entry superseded by sequence {} in {}: {}",
                        seq, journal.fileOf(pendingIndex), pendingDamage);
                torn++;
                pendingDamage = null;
                pendingIndex = -1;
            }
            if (stopBefore.test(entry)) {
                return new ReplayResult(applied, lastGood, torn, -1);
            }
            lastGood = seq;
            if (seq >= fromSequence) {
                sink.accept(entry);
                applied++;
            }
        }
        if (pendingDamage != null) {
            LOG.warn("Cut off a torn journal tail after sequence {} in {}: {}",
                    lastGood, journal.fileOf(pendingIndex), pendingDamage);
            torn++;
            return new ReplayResult(applied, lastGood, torn, pendingIndex);
        }
        if (lastReadIndex >= 0 && journal.recordedPastPosition(lastReadIndex, lastReadDataStart)) {
            // Chronicle recorded an entry after the last readable one: the file lost a stretch (truncated, or
            // pages lost). New appends would land past the gap, out of a reader's reach: the tail must be cut.
            LOG.warn("Journal {} records entries past the last readable one (sequence {}): cutting its tail",
                    journal.fileOf(lastReadIndex), lastGood);
            torn++;
            return new ReplayResult(applied, lastGood, torn, lastReadIndex + 1);
        }
        return new ReplayResult(applied, lastGood, torn, -1);
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
     * Positions the raw reads ({@link #nextFrame()}) on the last entry before {@code sequence}, as replay does,
     * or on the journal's start.
     */
    public void seekBefore(long sequence) {
        positionBefore(sequence);
    }

    /**
     * Positions the raw reads ({@link #nextFrame()}) on the journal's first entry, in the first file that exists:
     * Chronicle's own start is wrong in a read-only view whose metadata still names files deleted since (by hand;
     * the engine's deletions update it), and such a view cannot update the metadata.
     */
    public void seekToStart() {
        for (int cycle : journal.cycles()) {
            if (tailer.moveToIndex(journal.rollCycle().toIndex(cycle, 0))) {
                return;
            }
        }
        tailer.toStart();
    }

    /**
     * Reads the next document without decoding or checking it, for tools that apply the replay rules themselves
     * ({@code ./warp journal}) and must see damaged entries too: decode it with {@link EntryCodec#decode}.
     *
     * @return the frame's length, its bytes in {@link #frame()} until the next read; -1 when no complete document
     *         follows (yet: a writer may still append)
     */
    public int nextFrame() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -1;
            }
            frameIndex = dc.index();
            frameDataStart = dc.wire().bytes().readPosition();
            return readFrame(dc.wire().bytes());
        }
    }

    /** The bytes of the frame {@link #nextFrame()} read last. */
    public byte[] frame() {
        return frame;
    }

    /** The Chronicle index of the frame {@link #nextFrame()} read last, or -1 before the first. */
    public long frameIndex() {
        return frameIndex;
    }

    /**
     * Whether the file of the frame {@link #nextFrame()} read last records an entry after it that cannot be read
     * (a lost stretch). A live writer can make this true for a moment, between completing an entry and recording it.
     */
    public boolean recordsEntriesPastLastFrame() {
        return frameIndex >= 0 && journal.recordedPastPosition(frameIndex, frameDataStart);
    }

    /** The journal file that holds the entry at Chronicle index {@code index}. */
    public String fileOf(long index) {
        return journal.fileOf(index);
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

    private int readFrame(Bytes<?> bytes) {
        int length = (int) bytes.readRemaining();
        if (frame.length < length) {
            frame = new byte[Integer.highestOneBit(length) << 1];
        }
        bytes.read(frame, 0, length);
        return length;
    }

    private JournalCorruptedException corrupted(long sequence, long index, String why) {
        return new JournalCorruptedException(sequence, journal.fileOf(index), why);
    }

    @Override
    public void close() {
        tailer.close();
    }
}
