package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalStatsTest {

    @TempDir
    Path dir;

    /** A journal of three cycle files: counts, ranges, times, the operation mix and each file's share. */
    @Test
    void reportsEntriesSequencesTimesMixAndFiles() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Cli cli = Cli.run("journal", "stats", "-d", dir.toString());
        assertEquals(0, cli.exit, cli.toString());
        String out = cli.out.toString();
        assertTrue(out.contains("entries         300: PUT 270 (90.0%), DELETE 30 (10.0%)"), out);
        assertTrue(out.contains("sequences       1 .. 300"), out);
        assertTrue(out.contains("time            " + Timestamps.format(Journals.micros(1)) + " .. "
                + Timestamps.format(Journals.micros(300))), out);
        assertTrue(out.contains("journal         3 files"), out);
        List<Path> files = Journals.journalFiles(dir);
        assertEquals(3, files.size());
        for (int f = 0; f < 3; f++) {
            assertTrue(out.contains("file            " + files.get(f).getFileName() + ": ") && out.contains(
                    "100 entries, sequences " + (100 * f + 1) + " .. " + (100 * f + 100)), out);
        }
        assertTrue(out.contains("snapshots       none"), out);
    }

    /** Written by the engine, with a checkpoint: the snapshot shows with its sequence. */
    @Test
    void listsTheEnginesSnapshots() {
        EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0)
                .checkpointOnClose(false).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < 50; i++) {
                engine.put("user:" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            engine.checkpoint();
            engine.delete("user:7");
        }
        Cli cli = Cli.run("journal", "stats", "-d", dir.toString());
        assertEquals(0, cli.exit, cli.toString());
        String out = cli.out.toString();
        assertTrue(out.contains("entries         51: PUT 50 (98.0%), DELETE 1 (2.0%)"), out);
        assertTrue(out.contains("snapshot        snapshot-00000000000000000050.wsnap: sequence 50, "), out);
    }

    /** Damage stops the count where it is and is named on stderr with exit 1; what was read is still reported. */
    @Test
    void damageIsNamedAfterTheCountsOfWhatWasRead() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        Path file = Journals.corruptValueOf(dir, 151);
        Cli cli = Cli.run("journal", "stats", "-d", dir.toString());
        assertEquals(1, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("sequences       1 .. 150"), cli.toString());
        assertTrue(cli.err.toString().startsWith("warp journal stats: journal damaged at sequence 151 in " + file
                + ": CRC32C mismatch"), cli.toString());
    }
}
