package io.warpengine.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = WarpCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A tiny run reports a positive rate and percentiles for each phase, for the engine and the baseline. */
    @Test
    void tinyRunReportsEveryPhaseForEngineAndBaseline() {
        int exit = run("bench", "--threads", "4", "--keys", "2000", "--seconds", "0.3", "--data-dir", dir.toString(),
                "--baseline", "--set", "shards=2");
        assertEquals(0, exit, err.toString());
        String report = out.toString();
        Matcher rates = Pattern.compile("(?m)^(PUT|GET)\\s+([\\d,]+) ops/s.*p50 .* p99\\.9 .* max ").matcher(report);
        int phases = 0;
        while (rates.find()) {
            assertTrue(Long.parseLong(rates.group(2).replace(",", "")) > 0, rates.group());
            phases++;
        }
        assertEquals(4, phases, report);
        assertTrue(report.contains("shards=2"), report);
        assertTrue(report.contains("engine / baseline:"), report);
    }

    @Test
    void badInputIsOneLineNamingTheProblem() {
        assertEquals(WarpCli.BAD_INPUT, run("bench", "--keys", "10", "--seconds", "0.1", "--set", "shards=99"));
        assertEquals("warp bench: invalid value '99' for setting 'shards': expected an integer from 1 to 64",
                err.toString().trim());
    }
}
