package io.warpengine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionTest {

    @TempDir
    Path dir;

    /** Three cycle files of 100 entries each: 1-100, 101-200, 201-300. */
    private Journal threeCycles(SetTimeProvider clock) {
        Journal journal = Journal.open(dir, "FIVE_MINUTELY", false, false, clock);
        try (JournalWriter w = journal.writer()) {
            for (long s = 1; s <= 300; s++) {
                w.appendPut(s, s, ("k" + s).getBytes(StandardCharsets.UTF_8), new byte[8]);
                if (s % 100 == 0) {
                    clock.advanceMillis(TimeUnit.MINUTES.toMillis(5));
                }
            }
        }
        return journal;
    }

    private long cq4Files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }

    /** Replay from any sequence seeks straight to it, across cycle boundaries, and feeds exactly the rest. */
    @Test
    void replayFromAnySequenceStartsExactlyThere() {
        SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-23T10:00:00Z"));
        try (Journal journal = threeCycles(clock); JournalReader reader = journal.reader()) {
            for (long from : new long[]{1, 2, 99, 100, 101, 102, 150, 200, 201, 299, 300}) {
                java.util.List<Long> seen = new java.util.ArrayList<>();
                JournalReader.ReplayResult r = reader.replay(from, e -> seen.add(e.sequence()));
                assertEquals(301 - from, r.entriesApplied(), "from " + from);
                assertEquals(from, seen.get(0), "from " + from);
                assertEquals(300, r.lastSequence(), "from " + from);
            }
            assertEquals(0, reader.replay(301, e -> { }).entriesApplied());
        }
    }

    @Test
    void deletesOnlyFilesWhollyCoveredAndKeepsTheNewest() throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-23T10:00:00Z"));
        try (Journal journal = threeCycles(clock)) {
            assertEquals(3, cq4Files());
            assertEquals(List.of(), journal.deleteFilesCoveredUpTo(99), "entry 100 is not covered yet");
            assertEquals(1, journal.deleteFilesCoveredUpTo(150).size(), "the first file (1-100) is covered");
            assertEquals(2, cq4Files());
            assertEquals(1, journal.deleteFilesCoveredUpTo(1_000).size(), "the newest file always stays");
            assertEquals(1, cq4Files());
            try (JournalReader reader = journal.reader()) {
                assertEquals(100, reader.replay(201, e -> { }).entriesApplied(), "what is left replays from 201");
            }
        }
    }
}
