package io.warpengine.journaltool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every verb shares: help with an example and the exit codes, and one clear line for a wrong directory. */
class JournalCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"stats", "dump", "verify", "tail", "replay", "repair"})
    void everyVerbHasHelpWithAnExampleAndTheExitCodes(String verb) {
        Cli cli = Cli.run("journal", verb, "--help");
        assertEquals(0, cli.exit, cli.toString());
        String help = cli.out.toString();
        assertTrue(help.contains("Example: ./warp journal " + verb), help);
        assertTrue(help.contains("Exit codes:") && help.contains("  2 "), help);
        assertTrue(help.contains("--data-dir"), help);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "dump", "verify", "tail", "repair"})
    void missingDirectoryIsOneLineAndExit2(String verb) {
        Path missing = dir.resolve("nope");
        Cli cli = Cli.run("journal", verb, "-d", missing.toString());
        assertEquals(2, cli.exit, cli.toString());
        assertEquals("warp journal " + verb + ": data directory " + missing + " does not exist", cli.err.toString().trim());
        assertEquals("", cli.out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "dump", "verify", "tail", "repair"})
    void directoryWithoutTheEngineLayoutIsRefusedNamingWhatWasExpected(String verb) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not an engine's");
        Cli cli = Cli.run("journal", verb, "-d", dir.toString());
        assertEquals(2, cli.exit, cli.toString());
        assertEquals("warp journal " + verb + ": " + dir + " is not a WarpEngine data directory: expected a journal/ or"
                + " snapshots/ subdirectory in it", cli.err.toString().trim());
    }

    @Test
    void replayRefusesAMissingDirectoryToo() {
        Path missing = dir.resolve("nope");
        Cli cli = Cli.run("journal", "replay", "-d", missing.toString(), "--to-seq", "1", "--key", "k");
        assertEquals(2, cli.exit, cli.toString());
        assertEquals("warp journal replay: data directory " + missing + " does not exist", cli.err.toString().trim());
    }

    @Test
    void aMissingConfigurationFileIsOneLineAndExit2() {
        Path missing = dir.resolve("missing.properties");
        Cli cli = Cli.run("journal", "stats", "--config", missing.toString());
        assertEquals(2, cli.exit, cli.toString());
        assertEquals("warp journal stats: configuration file " + missing + " does not exist; "
                + "config/warpengine.properties holds every setting with its default", cli.err.toString().trim());
    }

    @Test
    void aFileIsNotADataDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "x");
        Cli cli = Cli.run("journal", "stats", "-d", file.toString());
        assertEquals(2, cli.exit, cli.toString());
        assertTrue(cli.err.toString().contains(file + " is not a directory"), cli.toString());
    }

    @Test
    void badOptionValuesAreExit2() {
        Journals.write(dir, 1, 5, Long.MAX_VALUE);
        Cli format = Cli.run("journal", "dump", "-d", dir.toString(), "--format", "xml");
        assertEquals(2, format.exit, format.toString());
        assertTrue(format.err.toString().contains("--format"), format.toString());
        Cli time = Cli.run("journal", "dump", "-d", dir.toString(), "--from-time", "yesterday");
        assertEquals(2, time.exit, time.toString());
        assertEquals("warp journal dump: invalid time 'yesterday': expected an ISO-8601 time with a zone, e.g."
                + " 2026-11-23T12:00:00Z or 2026-11-23T13:00:00.5+01:00", time.err.toString().trim());
    }

    @Test
    void withoutAVerbItShowsTheVerbsAndFails() {
        Cli cli = Cli.run("journal");
        assertEquals(2, cli.exit, cli.toString());
        assertTrue(cli.err.toString().startsWith("choose a verb: stats, dump, verify, tail, replay or repair"),
                cli.toString());
        for (String verb : new String[]{"stats", "dump", "verify", "tail", "replay", "repair"}) {
            assertTrue(cli.err.toString().contains("  " + verb + " "), cli.toString());
        }
    }
}
