package io.warpengine.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture log = new LogCapture(JournalReader.class.getName());

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replaysWhatWasWrittenAcrossReopen() {
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalWriter w = journal.writer()) {
            for (int i = 1; i <= 1000; i++) {
                if (i % 10 == 0) {
                    w.appendDelete(i, i * 10L, utf8("k" + (i - 1)));
                } else {
                    w.appendPut(i, i * 10L, utf8("k" + i), utf8("v" + i));
                }
            }
        }
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalReader r = journal.reader()) {
            assertEquals(1000, r.lastSequence());
            List<JournalEntry> seen = new ArrayList<>();
            JournalReader.ReplayResult result = r.replay(501, seen::add);
            assertEquals(500, result.entriesApplied());
            assertEquals(1000, result.lastSequence());
            assertEquals(501, seen.get(0).sequence());
            assertEquals(new JournalEntry.Delete(1000, 10_000, "k999"), seen.get(499));
            assertEquals(new JournalEntry.Put(501, 5010, "k501", utf8("v501")), seen.get(0));
        }
    }

    @Test
    void emptyJournalReplaysNothing() {
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalReader r = journal.reader()) {
            assertEquals(0, r.lastSequence());
            assertEquals(new JournalReader.ReplayResult(0, 0, 0, -1), r.replay(1, e -> { }));
        }
    }

    @Test
    void sequenceGapIsCorruption() {
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalWriter w = journal.writer()) {
            w.appendPut(1, 1, utf8("a"), utf8("1"));
            w.appendPut(3, 1, utf8("b"), utf8("2"));
            JournalCorruptedException e = assertThrows(JournalCorruptedException.class,
                    () -> journal.reader().replay(1, x -> { }));
            assertEquals(2, e.sequence());
        }
    }

    /** A damaged tail is a torn write: cut off, everything before it kept. */
    @Test
    void damagedLastEntryIsCutOff() {
        writeGood(1, 5);
        appendGarbage();
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalReader r = journal.reader()) {
            JournalReader.ReplayResult result = r.replay(1, e -> { });
            assertEquals(5, result.entriesApplied());
            assertEquals(5, result.lastSequence());
            assertTrue(result.hasDamagedTail());
            assertEquals(5, r.lastSequence());
        }
        assertEquals(1, log.messages("WARN", JournalReader.class.getName()).size());
        assertTrue(log.messages("WARN", JournalReader.class.getName()).get(0)
                .startsWith("Cut off a torn journal tail after sequence 5 in "), log.entries().toString());
    }

    /** After a crash the engine re-uses the torn entry's sequence: the torn entry is superseded, not corruption. */
    @Test
    void tornEntrySupersededByTheSameSequenceIsSkipped() {
        writeGood(1, 5);
        appendGarbage();
        writeGood(6, 8);
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalReader r = journal.reader()) {
            List<Long> seen = new ArrayList<>();
            assertEquals(new JournalReader.ReplayResult(8, 8, 1, -1), r.replay(1, e -> seen.add(e.sequence())));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), seen);
        }
        assertEquals(1, log.messages("WARN", JournalReader.class.getName()).size());
        assertTrue(log.messages("WARN", JournalReader.class.getName()).get(0)
                .startsWith("Skipped a torn journal entry superseded by sequence 6 in "), log.entries().toString());
    }

    /** Damage followed by entries that do not continue the history is corruption, named with sequence and file. */
    @Test
    void damageInsideTheHistoryIsRefused() {
        writeGood(1, 5);
        appendGarbage();
        writeGood(7, 8);
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalReader r = journal.reader()) {
            JournalCorruptedException e = assertThrows(JournalCorruptedException.class, () -> r.replay(1, x -> { }));
            assertEquals(6, e.sequence());
            assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains(".cq4"), e.getMessage());
            assertTrue(e.getMessage().contains("./warp journal repair"), e.getMessage());
        }
    }

    private void writeGood(long from, long to) {
        try (Journal journal = Journal.open(dir, "FAST_HOURLY", false); JournalWriter w = journal.writer()) {
            for (long s = from; s <= to; s++) {
                w.appendPut(s, s, utf8("k" + s), utf8("v" + s));
            }
        }
    }

    /** A complete Chronicle document whose bytes are not a valid entry, as a torn or rotted write leaves. */
    private void appendGarbage() {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_HOURLY).build();
             ExcerptAppender a = q.createAppender();
             DocumentContext dc = a.writingDocument()) {
            dc.wire().bytes().write(utf8("\u0001garbage that is no entry at all"));
        }
    }

    @Test
    void unknownRollCycleNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Journal.open(dir, "EVERY_SECOND", false));
        assertEquals(true, e.getMessage().contains("FAST_HOURLY"), e.getMessage());
    }
}
