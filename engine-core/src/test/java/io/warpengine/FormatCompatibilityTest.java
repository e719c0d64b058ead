package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The on-disk formats of today (journal entries in Chronicle Queue cycle files, snapshot files) stay readable: a data
 * directory written by the engine of 2026-12 ({@code src/test/resources/format-v1/}, see {@link FormatV1Fixture})
 * opens to exactly the state its writer modelled, through the public API only, and the engine carries on writing
 * it. A failure here means files users already have would no longer open as they did.
 */
class FormatCompatibilityTest {

    private static final FormatV1Fixture FIXTURE = FormatV1Fixture.expected();
    private static final String SNAPSHOT_FILE = String.format("snapshot-%020d.wsnap", FIXTURE.checkpoint);

    @TempDir
    Path tmp;

    /** No automatic checkpoint, none on close: every reopen below needs the fixture's snapshot and its journal. */
    private static EngineConfig config(Path dataDir) {
        return EngineConfig.builder(dataDir).checkpointEveryOperations(0).checkpointEverySeconds(0)
                .checkpointOnClose(false).build();
    }

    @Test
    void theFixtureIsWhatItClaims() {
        assertTrue(FIXTURE.checkpoint > 0 && FIXTURE.checkpoint < FIXTURE.last, "a snapshot in the middle of the journal");
        assertEquals(Set.of(187L, 207L, 294L, 377L), FIXTURE.states.keySet());
        assertEquals(46, FIXTURE.states.get(FIXTURE.last).size());
    }

    @Test
    void opensToTheModelledStateFromTheSnapshotAndTheJournalThenKeepsWriting() {
        Path data = FormatV1Fixture.unpack(tmp.resolve("data"));
        Map<String, byte[]> expected = new TreeMap<>(FIXTURE.states.get(FIXTURE.last));
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            RecoveryReport report = engine.recovery();
            assertEquals(SNAPSHOT_FILE, report.snapshotFile().getFileName().toString(), report.toString());
            assertEquals(FIXTURE.checkpoint, report.snapshotSequence(), report.toString());
            assertEquals(FIXTURE.last - FIXTURE.checkpoint, report.entriesReplayed(), report.toString());
            assertEquals(FIXTURE.last, report.lastSequence(), report.toString());
            assertEquals(0, report.tornEntriesCut(), report.toString());
            assertState(expected, FIXTURE.last, engine);

            byte[] value = "written after opening the format-v1 fixture".getBytes(StandardCharsets.UTF_8);
            assertEquals(FIXTURE.last + 1, engine.put("after-format-v1", value).sequence());
            expected.put("after-format-v1", value);
            assertState(expected, FIXTURE.last + 1, engine);
        }
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            RecoveryReport report = engine.recovery();
            assertEquals(SNAPSHOT_FILE, report.snapshotFile().getFileName().toString(), report.toString());
            assertEquals(FIXTURE.checkpoint, report.snapshotSequence(), report.toString());
            assertEquals(FIXTURE.last + 1 - FIXTURE.checkpoint, report.entriesReplayed(), report.toString());
            assertEquals(FIXTURE.last + 1, report.lastSequence(), report.toString());
            assertState(expected, FIXTURE.last + 1, engine);
            assertTrue(engine.delete("after-format-v1"));
            assertEquals(FIXTURE.last + 3, engine.put("after-format-v1", new byte[]{1}).sequence(), "sequences continue");
        }
    }

    /** A checkpoint of the state recovered from the fixture holds all of it: the next open replays nothing. */
    @Test
    void aNewCheckpointOfTheRecoveredStateHoldsAllOfIt() {
        Path data = FormatV1Fixture.unpack(tmp.resolve("data"));
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            assertEquals(FIXTURE.last, engine.checkpoint());
        }
        try (WarpEngine engine = WarpEngine.open(config(data))) {
            assertEquals(FIXTURE.last, engine.recovery().snapshotSequence(), engine.recovery().toString());
            assertEquals(0, engine.recovery().entriesReplayed(), engine.recovery().toString());
            assertState(FIXTURE.states.get(FIXTURE.last), FIXTURE.last, engine);
        }
    }

    /**
     * Point-in-time views at every state the generator recorded: before the snapshot (the journal alone, from
     * sequence 1), at the snapshot's sequence (the snapshot alone), between it and the end, and at the end.
     */
    @Test
    void openAtSeesTheModelledStateAtEachRecordedSequence() {
        Path data = FormatV1Fixture.unpack(tmp.resolve("data"));
        for (Map.Entry<Long, Map<String, byte[]>> state : FIXTURE.states.entrySet()) {
            long sequence = state.getKey();
            try (EngineView view = WarpEngine.openAt(config(data), RecoveryTarget.sequence(sequence))) {
                RecoveryReport report = view.recovery();
                String context = "openAt(" + sequence + "): " + report;
                if (sequence < FIXTURE.checkpoint) {
                    assertNull(report.snapshotFile(), context);
                    assertEquals(0, report.snapshotSequence(), context);
                    assertEquals(sequence, report.entriesReplayed(), context);
                } else {
                    assertEquals(SNAPSHOT_FILE, report.snapshotFile().getFileName().toString(), context);
                    assertEquals(FIXTURE.checkpoint, report.snapshotSequence(), context);
                    assertEquals(sequence - FIXTURE.checkpoint, report.entriesReplayed(), context);
                }
                assertEquals(sequence, report.lastSequence(), context);
                assertState(state.getValue(), sequence, view);
            }
        }
    }

    /**
     * Exactly {@code expected}: every key with its value, and nothing more (the key count and value bytes match, and
     * every other key the fixture ever held reads as absent).
     */
    private static void assertState(Map<String, byte[]> expected, long lastSequence, EngineReader engine) {
        HexFormat hex = HexFormat.of();
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            byte[] actual = engine.get(e.getKey()).orElse(null);
            assertEquals(hex.formatHex(e.getValue()), actual == null ? "(absent)" : hex.formatHex(actual),
                    "value of " + e.getKey() + " at sequence " + lastSequence);
        }
        Set<String> gone = new TreeSet<>();
        FIXTURE.states.values().forEach(s -> gone.addAll(s.keySet()));
        gone.add("never-existed");
        gone.removeAll(expected.keySet());
        for (String key : gone) {
            assertTrue(engine.get(key).isEmpty(), key + " must be absent at sequence " + lastSequence);
        }
        EngineStats stats = engine.stats();
        assertEquals(expected.size(), stats.keyCount(), "keys at sequence " + lastSequence);
        assertEquals(expected.values().stream().mapToLong(v -> v.length).sum(), stats.valueBytes(),
                "value bytes at sequence " + lastSequence);
        assertEquals(lastSequence, stats.lastSequence());
    }
}
