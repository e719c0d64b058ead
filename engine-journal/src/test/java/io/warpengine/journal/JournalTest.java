package io.warpengine.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalTest {

    @TempDir
    Path dir;

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
            assertEquals(new JournalReader.ReplayResult(0, 0, 0), r.replay(1, e -> { }));
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

    @Test
    void unknownRollCycleNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Journal.open(dir, "EVERY_SECOND", false));
        assertEquals(true, e.getMessage().contains("FAST_HOURLY"), e.getMessage());
    }
}
