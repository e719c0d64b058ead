package io.warpengine.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * warp.jar logs warnings only, so that no log line lands among a command's results; --verbose adds the engine's
 * INFO lines. Each run is a JVM of its own, as ./warp is: slf4j-simple fixes a logger's level when it is created.
 */
class VerboseLoggingTest {

    @TempDir
    Path dir;

    @Test
    void aRunLogsNothingButWarningsUnlessVerbose() throws Exception {
        String quiet = run("bench", "throughput");
        assertEquals(List.of(), quiet.lines().filter(l -> l.contains(" INFO ")).toList(), quiet);

        String verbose = run("bench", "throughput", "--verbose");
        assertTrue(verbose.contains(" INFO io.warpengine.core.Checkpointer - Checkpoint at sequence "), verbose);
    }

    /** Runs a short load through WarpCli.main in a new JVM; returns its stderr. */
    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WarpCli.class.getName());
        command.addAll(List.of(args));
        command.addAll(List.of("--keys", "2000", "--threads", "2", "--seconds", "0.2", "--reference-seconds", "0.1",
                "--no-baseline", "--no-progress", "--results", dir.resolve("results").toString()));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the run finished");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), stderr);
        return stderr;
    }
}
