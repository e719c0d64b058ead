package io.warpengine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scanner on real journal files, damaged on disk: what it reads, and what it reports where. */
class JournalScannerTest {

    private static final String ROLL_CYCLE = "FIVE_MINUTELY";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    /** Fixed width, so that each value's bytes occur once in the journal. */
    private static byte[] value(long sequence) {
        return String.format("value-%06d", sequence).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Entries {@code from..to} ({@code PUT k<i> = value(i)}, stamped i), a new cycle file every {@code perFile}
     * entries: entry i lands in the same file whether written in one call or several.
     */
    private void write(long from, long to, long perFile) {
        SetTimeProvider clock = new SetTimeProvider(T0.plusSeconds((from - 1) / perFile * 300));
        try (Journal journal = Journal.open(dir, ROLL_CYCLE, false, false, clock); JournalWriter w = journal.writer()) {
            for (long s = from; s <= to; s++) {
                w.appendPut(s, s, ("k" + s).getBytes(StandardCharsets.UTF_8), value(s));
                if (s % perFile == 0) {
                    clock.advanceMillis(TimeUnit.MINUTES.toMillis(5));
                }
            }
        }
    }

    /** The Chronicle index of every document, in order, damaged or not. */
    private List<Long> documentIndices() {
        List<Long> indices = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            while (true) {
                try (DocumentContext dc = reader.tailer().readingDocument()) {
                    if (!dc.isPresent()) {
                        return indices;
                    }
                    indices.add(dc.index());
                }
            }
        }
    }

    private String fileOf(long index) {
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE)) {
            return journal.fileOf(index);
        }
    }

    /** Flips a byte of entry {@code sequence}'s value: its CRC no longer matches. */
    private void corrupt(long sequence) throws IOException {
        byte[] needle = value(sequence);
        Located at = locate(needle);
        try (RandomAccessFile f = new RandomAccessFile(at.file.toFile(), "rw")) {
            f.seek(at.offset + needle.length - 1);
            f.write(needle[needle.length - 1] ^ 0x55);
        }
    }

    /** Zeroes the file from entry {@code sequence}'s document header to the end of its data, as lost pages leave it. */
    private void loseFrom(long sequence) throws IOException {
        byte[] frameStart = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN)
                .put(EntryCodec.FORMAT).putLong(sequence).putLong(sequence).array();
        Located at = locate(frameStart);
        byte[] content = Files.readAllBytes(at.file);
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) {
            end--; // Chronicle pre-sizes its files: the data ends at the last non-zero byte
        }
        int header = at.offset - 4;
        try (RandomAccessFile f = new RandomAccessFile(at.file.toFile(), "rw")) {
            f.seek(header);
            f.write(new byte[end - header]);
        }
    }

    private record Located(Path file, int offset) {
    }

    private Located locate(byte[] needle) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            search:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue search;
                    }
                }
                return new Located(file, i);
            }
        }
        throw new IllegalStateException("no journal file holds the bytes looked for");
    }

    /** The sequences {@code scanner} returns until it returns null. */
    private static List<Long> readAll(JournalScanner scanner) {
        List<Long> sequences = new ArrayList<>();
        JournalEntry entry;
        while ((entry = scanner.next()) != null) {
            sequences.add(entry.sequence());
        }
        return sequences;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void tornLastEntryIsATornTail() throws IOException {
        write(1, 300, 100);
        corrupt(300);
        List<Long> indices = documentIndices();
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            JournalScanner scanner = new JournalScanner(reader);
            assertEquals(range(1, 299), readAll(scanner));
            assertNull(scanner.damage(), "the end is judged only when asked");
            JournalDamage torn = scanner.tornTail();
            long index = indices.get(299);
            assertEquals(new JournalDamage(JournalDamage.Kind.TORN_TAIL, 300, fileOf(index), index, "CRC32C mismatch", -1),
                    torn);
            assertTrue(torn.tail());
            assertEquals("journal damaged at sequence 300 in " + fileOf(index) + ": CRC32C mismatch", torn.describe());
            assertSame(torn, scanner.damage());
            assertEquals(1, scanner.documentsFromDamage());
            assertEquals(299, scanner.lastSequence());
        }
    }

    /** After a crash the engine re-uses the torn entry's sequence: reading goes on, the torn entry is reported. */
    @Test
    void tornEntrySupersededByTheSameSequenceIsSkipped() throws IOException {
        write(1, 150, 100);
        corrupt(150);
        write(150, 300, 100);
        List<Long> indices = documentIndices();
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            JournalScanner scanner = new JournalScanner(reader);
            List<Long> sequences = new ArrayList<>();
            List<JournalDamage> superseded = new ArrayList<>();
            JournalEntry entry;
            while ((entry = scanner.next()) != null) {
                sequences.add(entry.sequence());
                if (scanner.superseded() != null) {
                    superseded.add(scanner.superseded());
                }
            }
            assertEquals(range(1, 300), sequences);
            long index = indices.get(149);
            assertEquals(List.of(new JournalDamage(JournalDamage.Kind.SUPERSEDED, 150, fileOf(index), index,
                    "CRC32C mismatch", -1)), superseded);
            assertFalse(superseded.get(0).tail());
            assertEquals(1, scanner.supersededCount());
            assertEquals(301, scanner.documentsRead());
            assertNull(scanner.tornTail());
            assertFalse(scanner.recordsUnreadEntries());
            assertNull(scanner.damage());
        }
    }

    /** Damage followed by entries that do not re-use its sequence breaks the history: reading stops before it. */
    @Test
    void damageInsideTheHistoryStopsTheScan() throws IOException {
        write(1, 300, 100);
        corrupt(142);
        List<Long> indices = documentIndices();
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            JournalScanner scanner = new JournalScanner(reader);
            assertEquals(range(1, 141), readAll(scanner));
            long index = indices.get(141);
            JournalDamage damage = new JournalDamage(JournalDamage.Kind.CORRUPT_ENTRY, 142, fileOf(index), index,
                    "CRC32C mismatch", -1);
            assertEquals(damage, scanner.damage());
            assertFalse(damage.tail());
            assertNull(scanner.next(), "nothing is read past the damage");
            assertNull(scanner.tornTail());
            assertEquals(300 - 141, scanner.documentsFromDamage(), "the damaged entry and all after it");
        }
    }

    @Test
    void gapInTheSequencesStopsTheScan() {
        write(1, 100, 100);
        write(102, 200, 100);
        List<Long> indices = documentIndices();
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            JournalScanner scanner = new JournalScanner(reader);
            assertEquals(range(1, 100), readAll(scanner));
            long index = indices.get(100);
            JournalDamage gap = new JournalDamage(JournalDamage.Kind.GAP, 101, fileOf(index), index, null, 102);
            assertEquals(gap, scanner.damage());
            assertEquals("the next entry has sequence 102", gap.reason());
            assertFalse(gap.tail());
            assertEquals(99, scanner.documentsFromDamage());
        }
    }

    /** A file that records entries it cannot show lost them: the tail is cut from the first lost one. */
    @Test
    void entriesRecordedButUnreadableAreALostTail() throws IOException {
        write(1, 300, 100);
        List<Long> indices = documentIndices();
        loseFrom(290);
        try (Journal journal = Journal.openReadOnly(dir, ROLL_CYCLE); JournalReader reader = journal.reader()) {
            JournalScanner scanner = new JournalScanner(reader);
            assertEquals(range(1, 289), readAll(scanner));
            assertNull(scanner.tornTail());
            assertTrue(scanner.recordsUnreadEntries());
            JournalDamage lost = scanner.lostTail();
            long index = indices.get(288) + 1;
            assertEquals(new JournalDamage(JournalDamage.Kind.LOST_TAIL, 290, fileOf(index), index, null, -1), lost);
            assertEquals("the file records entries after sequence 289 that cannot be read (cut short, or pages lost)",
                    lost.reason());
            assertTrue(lost.tail());
            assertSame(lost, scanner.damage());
            assertEquals(0, scanner.documentsFromDamage(), "none of them can be read");
        }
    }
}
