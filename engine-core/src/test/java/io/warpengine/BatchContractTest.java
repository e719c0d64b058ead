package io.warpengine;

import io.warpengine.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a user of {@link Batch} and {@code getAll} relies on: one entry, limits, single use, order of keys. */
class BatchContractTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchIsOneJournalEntryAndSurvivesReopen() {
        EngineConfig config = EngineConfig.builder(dir).shards(3).checkpointOnClose(false).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.put("c", utf8("old"));
            BatchResult r = engine.batch().put("a", utf8("1")).put("b", utf8("2")).delete("c").put("a", utf8("3"))
                    .commit();
            assertEquals(new BatchResult(2, 4), r);
            assertEquals(2, engine.stats().lastSequence());
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(2, engine.recovery().entriesReplayed());
            Map<String, byte[]> all = engine.getAll(List.of("c", "b", "a", "missing"));
            assertEquals(List.of("b", "a"), new ArrayList<>(all.keySet()), "order of the keys asked, absent left out");
            assertArrayEquals(utf8("3"), all.get("a"), "the last write of a key in a batch wins");
        }
        List<JournalEntry> entries = new ArrayList<>();
        try (var log = io.warpengine.core.ChronicleCommandLog.openReadOnly(dir.resolve(WarpEngine.JOURNAL_DIR),
                config.journalRollCycle())) {
            log.replay(1, e -> false, entries::add);
        }
        assertEquals(2, entries.size());
        assertTrue(entries.get(1) instanceof JournalEntry.Batch b && b.writes().size() == 4, entries.toString());
    }

    @Test
    void limitsAndMisuseFailClearlyAndLoseNothing() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).batchMaxWrites(2).batchMaxBytes(100).build())) {
            assertEquals(BatchResult.EMPTY, engine.batch().commit(), "an empty batch writes nothing");
            assertEquals(0, engine.stats().lastSequence());

            Batch batch = engine.batch().put("a", utf8("1"));
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> batch.put("b", new byte[200]));
            assertTrue(big.getMessage().contains("batch.max.bytes=100"), big.getMessage());
            assertThrows(IllegalArgumentException.class, () -> batch.put("", utf8("x")));
            assertThrows(IllegalArgumentException.class, () -> batch.put("b", null));
            batch.delete("z");
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> batch.delete("y"));
            assertTrue(many.getMessage().contains("batch.max.writes=2"), many.getMessage());
            assertEquals(2, batch.size(), "refused writes leave the batch as it was");
            assertEquals(new BatchResult(1, 2), batch.commit());
            IllegalStateException twice = assertThrows(IllegalStateException.class, batch::commit);
            assertTrue(twice.getMessage().contains("already committed"), twice.getMessage());
            assertThrows(IllegalStateException.class, () -> batch.put("q", utf8("1")));
            assertArrayEquals(utf8("1"), engine.get("a").orElseThrow());
        }
    }

    @Test
    void aPointInTimeViewSeesWholeBatches() {
        EngineConfig config = EngineConfig.builder(dir).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.batch().put("x", utf8("1")).put("y", utf8("1")).commit();
            engine.batch().put("x", utf8("2")).put("y", utf8("2")).commit();
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(1))) {
            Map<String, byte[]> all = view.getAll(List.of("x", "y"));
            assertArrayEquals(utf8("1"), all.get("x"));
            assertArrayEquals(utf8("1"), all.get("y"));
        }
    }
}
