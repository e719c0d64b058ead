package io.warpengine.tools;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the long-running {@code ./warp} commands, in child JVMs: the shell and the server close their engines
 * (the close-time checkpoint is written), and the load runner stops, closes its engine and removes its temporary
 * data.
 */
class SignalShutdownTest {

    /** The exit status of a JVM that ends on SIGTERM. */
    private static final int SIGTERM_EXIT = 128 + 15;

    @TempDir
    Path dir;

    @Test
    @Timeout(120) // a hung child would block a read of its output
    void sigtermClosesTheShellsEngineWithItsCloseTimeCheckpoint() throws Exception {
        Path data = dir.resolve("db");
        Process shell = start(List.of(), "shell", "-d", data.toString());
        try (BufferedReader out = reader(shell)) {
            OutputStream in = shell.getOutputStream();
            in.write("put k v\nput k2 v2\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(out.readLine().startsWith("stored k "));
            assertTrue(out.readLine().startsWith("stored k2 "));
            shell.destroy(); // SIGTERM, the shell waiting for its next line
            assertTrue(shell.waitFor(1, TimeUnit.MINUTES), "the shell exits on SIGTERM");
        }
        assertEquals(SIGTERM_EXIT, shell.exitValue(), errors());
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(data).build())) {
            assertEquals(2, engine.recovery().snapshotSequence(), "the close-time checkpoint holds both puts");
            assertEquals(0, engine.recovery().entriesReplayed());
            assertEquals(2, engine.count());
        }
    }

    @Test
    @Timeout(120) // a hung child would block a read of its output
    void sigtermStopsTheServerWhichClosesItsEngineWithItsCloseTimeCheckpoint() throws Exception {
        Path data = dir.resolve("served");
        Process server = start(List.of(), "server", "-d", data.toString(), "--port", "0");
        try (BufferedReader out = reader(server)) {
            Matcher listening = Pattern.compile(".* listening on 127\\.0\\.0\\.1:(\\d+) .*").matcher(out.readLine());
            assertTrue(listening.matches(), listening.toString());
            try (Socket client = new Socket("127.0.0.1", Integer.parseInt(listening.group(1)))) {
                client.getOutputStream().write(("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                        + "*3\r\n$3\r\nSET\r\n$2\r\nk2\r\n$2\r\nv2\r\n").getBytes(StandardCharsets.US_ASCII));
                assertEquals("+OK\r\n+OK\r\n", new String(client.getInputStream().readNBytes(10), StandardCharsets.US_ASCII));
                server.destroy(); // SIGTERM, with a client connected
                assertTrue(server.waitFor(1, TimeUnit.MINUTES), "the server exits on SIGTERM");
                assertEquals(-1, client.getInputStream().read(), "the connection was closed");
            }
        }
        assertEquals(SIGTERM_EXIT, server.exitValue(), errors());
        assertEquals("", errors());
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(data).build())) {
            assertEquals(engine.recovery().lastSequence(), engine.recovery().snapshotSequence(),
                    "the close-time checkpoint holds every write (the two pipelined SETs were one batch)");
            assertEquals(0, engine.recovery().entriesReplayed());
            assertEquals(List.of("k", "k2"), engine.keys(""));
        }
    }

    @Test
    @Timeout(120) // a hung child would block a read of its output
    void sigtermStopsTheLoadRunnerWhichClosesItsEngineAndRemovesItsTemporaryData() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path results = dir.resolve("results");
        Process bench = start(List.of("-Djava.io.tmpdir=" + tmp), "bench", "throughput", "--seconds", "300",
                "--threads", "2", "--keys", "20000", "--no-baseline", "--no-progress", "--results", results.toString());
        try (BufferedReader out = reader(bench)) {
            for (String line = out.readLine(); !line.equals("== engine =="); line = out.readLine()) {
                assertTrue(line != null, "the bench started its engine");
            }
            assertEquals(1, count(tmp), "the bench's temporary directory");
            bench.destroy(); // SIGTERM, mid-run
            assertTrue(bench.waitFor(1, TimeUnit.MINUTES), "the bench exits on SIGTERM");
        }
        assertEquals(SIGTERM_EXIT, bench.exitValue(), errors());
        assertTrue(errors().contains("bench: stopped by a signal (SIGTERM or Ctrl-C): the engines were closed"),
                errors());
        assertEquals(0, count(tmp), "temporary data left behind");
        assertTrue(!Files.exists(results) || count(results) == 0, "no results written for a stopped run");
    }

    private Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // the flags of config/jvm.options
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WarpCli.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private static BufferedReader reader(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private String errors() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }
}
