package io.warpengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench recovery}, run small through the command: every acknowledged write is checked after the reopen. */
class RecoveryCommandTest {

    /**
     * A SIGKILL that lands while the child holds Chronicle's journal write lock makes the reopen force that lock,
     * with a warning; where the kill lands is up to timing, so the warning is captured, not asserted.
     */
    @RegisterExtension
    final LogCapture log = new LogCapture("net.openhft.chronicle.queue.impl.single.TableStoreWriteLock");

    private static final long OPERATIONS = 20_000;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private JsonNode run(String... extra) throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("recovery", "--operations", String.valueOf(OPERATIONS), "--threads",
                "2", "--keys", "5000", "--seconds", "0.3", "--reference-seconds", "0.2", "--no-progress", "--results",
                dir.resolve("results").toString()));
        args.addAll(List.of(extra));
        assertEquals(0, cli.execute(args.toArray(String[]::new)), err + "\n" + out);
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            return new ObjectMapper().readTree(runs.findFirst().orElseThrow().resolve(ResultsWriter.SUMMARY).toFile());
        }
    }

    /** Killed while writing: more than the operations acknowledged, none lost, on the engine and the baseline. */
    @Test
    void sigkillWhileWritingLosesNoAcknowledgedWrite() throws IOException {
        JsonNode summary = run("--stop", "sigkill", "--replay-only");
        assertEquals(2, summary.get("targets").size());
        for (JsonNode target : summary.get("targets")) {
            JsonNode recovery = target.get("recovery");
            assertEquals("sigkill", recovery.get("stop").asText());
            assertEquals(0, recovery.get("lostWrites").asLong(), recovery.toString());
            assertTrue(recovery.get("keysChecked").asLong() > 0, recovery.toString());
            long acknowledged = recovery.get("acknowledgedWrites").asLong();
            assertTrue(acknowledged > OPERATIONS, "the kill lands after the child wrote past the operations: " + recovery);
            assertTrue(recovery.get("entriesReplayed").asLong() >= acknowledged,
                    "with no snapshot, recovery replays every acknowledged write and maybe a few more: " + recovery);
            assertTrue(out.toString().contains(target.get("name").asText() + " acknowledged writes lost: 0 of "
                    + String.format(Locale.ROOT, "%,d", acknowledged) + " ("), out.toString());
        }
    }

    /** A clean close: exactly the operations acknowledged, in the two measured phases, none lost. */
    @Test
    void closeWritesExactlyTheOperationsAndLosesNone() throws IOException {
        JsonNode summary = run("--no-baseline");
        JsonNode engine = summary.get("targets").get(0);
        JsonNode recovery = engine.get("recovery");
        assertEquals(OPERATIONS, recovery.get("acknowledgedWrites").asLong(), recovery.toString());
        assertEquals(0, recovery.get("lostWrites").asLong(), recovery.toString());
        assertTrue(recovery.get("keysChecked").asLong() > 0, recovery.toString());
        List<String> phases = new ArrayList<>();
        long written = 0;
        for (JsonNode phase : engine.get("phases")) {
            phases.add(phase.get("name").asText());
            written += phase.get("name").asText().equals("after recovery") ? 0 : phase.get("operations").asLong();
        }
        assertEquals(List.of("write", "before stop", "after recovery"), phases);
        assertEquals(OPERATIONS, written, "the measured phases before the stop are the operations, no more");
    }

    @Test
    void aLostWriteFailsTheRun() {
        RecoveryCommand command = new RecoveryCommand();
        command.out = new PrintWriter(out, true);
        TargetReport.RecoveryResult lost = new TargetReport.RecoveryResult("sigkill", 10, 1, 5, List.of(), 0.1, 0, 10,
                1, 1);
        assertEquals(RecoveryCommand.LOST_WRITES, command.exitCode(List.of(
                new TargetReport("engine", 0, List.of(), null, 0, lost, null))));
        assertTrue(out.toString().contains("FAIL: engine acknowledged writes lost: 1 of 10"), out.toString());
    }
}
