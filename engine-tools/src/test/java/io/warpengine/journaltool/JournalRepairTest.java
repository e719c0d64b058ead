package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.journal.TailCutter;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRepairTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(TailCutter.class.getName());

    @TempDir
    Path dir;

    private EngineConfig config() {
        return EngineConfig.builder(dir).checkpointOnClose(false).checkpointEveryOperations(0).checkpointEverySeconds(0).build();
    }

    /** After repair: verify is clean and the engine opens on exactly the history before the damage, and writes on. */
    private void assertEngineOpensAt(long sequence) {
        assertEquals(0, Cli.run("journal", "verify", "-d", dir.toString()).exit);
        try (WarpEngine engine = WarpEngine.open(config())) {
            assertEquals(sequence, engine.recovery().lastSequence());
            Map<String, String> expected = Journals.stateAt(sequence);
            assertEquals(expected.size(), engine.stats().keyCount());
            expected.forEach((k, v) -> assertArrayEquals(v.getBytes(StandardCharsets.UTF_8), engine.get(k).orElseThrow(), k));
            assertEquals(sequence + 1, engine.put("after-repair", new byte[1]).sequence());
        }
    }

    private long backups() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.JOURNAL_BACKUP_DIR))) {
            return files.count();
        }
    }

    @Test
    void cutsATornTailWithYesKeepingABackup() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        Path file = Journals.journalFiles(dir).get(0);
        Journals.truncateData(file, 7);
        Cli cli = Cli.run("journal", "repair", "-d", dir.toString(), "--yes");
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("journal damaged at sequence 300 in " + file), cli.toString());
        assertTrue(cli.out.toString().contains("repaired: the journal now holds sequences 1 .. 299"), cli.toString());
        assertEquals(1, backups());
        assertEngineOpensAt(299);
        assertCutLogged(file);
    }

    /** Damage followed by valid entries and later files: everything from the damage on leaves the journal. */
    @Test
    void cutsDamageInsideTheHistoryAndTheLaterFiles() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Journals.corruptValueOf(dir, 142);
        Cli cli = Cli.runWithInput("y\n", "journal", "repair", "-d", dir.toString());
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("Cut the journal at sequence 142? [y/N]"), cli.toString());
        assertTrue(cli.out.toString().contains("repair keeps sequences 1 .. 141 and removes 159 journal entries: the"
                + " damaged one and all after it in " + Journals.journalFiles(dir).get(1).getFileName() + " and in 1 later file."),
                cli.toString());
        assertEquals(2, backups(), "the damaged file and the later one");
        assertEquals(2, Journals.journalFiles(dir).size());
        assertEngineOpensAt(141);
        assertCutLogged(Journals.journalFiles(dir).get(1));
    }

    /** The engine's cutter logs the cut it makes for repair, naming the file. */
    private void assertCutLogged(Path file) {
        List<String> cuts = log.messages("WARN", TailCutter.class.getName());
        assertEquals(1, cuts.size(), cuts.toString());
        assertTrue(cuts.get(0).startsWith("Cut the damaged journal tail off ")
                && cuts.get(0).contains(file.getFileName().toString()), cuts.get(0));
    }

    @Test
    void declinedOrUnansweredChangesNothing() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        Path file = Journals.corruptValueOf(dir, 299);
        byte[] before = Files.readAllBytes(file);
        for (String answer : new String[]{"n\n", ""}) {
            Cli cli = Cli.runWithInput(answer, "journal", "repair", "-d", dir.toString());
            assertEquals(1, cli.exit, cli.toString());
            assertTrue(cli.out.toString().contains("not repaired: nothing changed"), cli.toString());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, Cli.run("journal", "verify", "-d", dir.toString()).exit);
    }

    @Test
    void cleanJournalNeedsNothing() {
        Journals.write(dir, 1, 30, Long.MAX_VALUE);
        Cli cli = Cli.run("journal", "repair", "-d", dir.toString());
        assertEquals(0, cli.exit, cli.toString());
        assertEquals("journal is clean: nothing to repair", cli.out.toString().trim());
    }

    /** An engine holds the directory: repair refuses, naming the process, and changes nothing. */
    @Test
    void refusesWhileAnEngineHoldsTheDirectory() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config())) {
            engine.put("k", new byte[1]);
            Cli cli = Cli.run("journal", "repair", "-d", dir.toString(), "--yes");
            assertEquals(2, cli.exit, cli.toString());
            assertEquals("warp journal repair: cannot repair while an engine holds " + dir + " (process "
                    + ProcessHandle.current().pid() + "): stop it first (repair changes the journal)", cli.err.toString().trim());
            assertEquals(0, Cli.run("journal", "verify", "-d", dir.toString()).exit, "read-only verbs still work");
        }
    }

    /** Damage older than the newest snapshot is not cut: the engine never replays it, and cutting would lose later entries. */
    @Test
    void leavesDamageThatTheNewestSnapshotCovers() throws Exception {
        try (WarpEngine engine = WarpEngine.open(config())) {
            for (int i = 1; i <= 300; i++) {
                engine.put(Journals.key(i), Journals.value(i));
            }
            engine.checkpoint();
        }
        Journals.corruptValueOf(dir, 100);
        Cli cli = Cli.run("journal", "repair", "-d", dir.toString(), "--yes");
        assertEquals(1, cli.exit, cli.toString());
        assertTrue(cli.err.toString().contains("The newest valid snapshot (sequence 300) already holds that entry"), cli.toString());
        List<Path> files = Journals.journalFiles(dir);
        assertEquals(1, files.size());
        try (WarpEngine engine = WarpEngine.open(config())) {
            assertEquals(300, engine.recovery().lastSequence(), "the engine opens as is");
        }
    }
}
