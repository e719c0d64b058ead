package io.warpengine.journaltool;

import io.warpengine.tools.WarpCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class JournalTailTest {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A thread per blocking task (a follower, a read from the child): the common pool may have a single thread. */
    private static final Executor OWN_THREAD = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    };

    @TempDir
    Path dir;

    /** Polls {@code done} until it holds; fails after a minute. */
    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** A run in a thread of its own: its output grows while it runs; {@code exit} completes when it stops. */
    private record Background(Cli cli, CompletableFuture<Integer> exit) {
        static Background run(String... args) {
            Cli cli = new Cli();
            return new Background(cli, CompletableFuture.supplyAsync(() -> {
                CommandLine commandLine = WarpCli.commandLine();
                commandLine.setOut(new PrintWriter(cli.out, true));
                commandLine.setErr(new PrintWriter(cli.err, true));
                cli.exit = commandLine.execute(args);
                return cli.exit;
            }, OWN_THREAD));
        }

        long lines() {
            return cli.out.getBuffer().chars().filter(c -> c == '\n').count();
        }
    }

    /** Every line is entry i = PUT k&lt;i&gt;, for i from 1, in order. */
    private static void assertPutsInOrder(List<String> lines, int expected) {
        assertEquals(expected, lines.size());
        for (int i = 1; i <= lines.size(); i++) {
            String line = lines.get(i - 1);
            if (!line.startsWith(i + " ") || !line.endsWith(putLine(i))) {
                fail("line " + i + " is " + line);
            }
        }
    }

    private static String putLine(long i) {
        return " PUT " + Journals.key(i) + " \"" + new String(Journals.value(i), StandardCharsets.UTF_8) + "\"";
    }

    @Test
    void printsTheLastEntries() {
        Journals.write(dir, 1, 300, 100);
        Cli cli = Cli.run("journal", "tail", "-d", dir.toString(), "-n", "3");
        assertEquals(0, cli.exit, cli.toString());
        assertEquals(3, cli.lines().size(), cli.toString());
        assertTrue(cli.lines().get(0).startsWith("298 ") && cli.lines().get(2).startsWith("300 "), cli.toString());
    }

    /** On a damaged tail: the entries before it, the damage named on stderr, exit 1. */
    @Test
    void namesADamagedTail() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        Path file = Journals.corruptValueOf(dir, 299);
        Cli cli = Cli.run("journal", "tail", "-d", dir.toString(), "-n", "4");
        assertEquals(1, cli.exit, cli.toString());
        assertEquals(2, cli.lines().size(), cli.toString());
        assertTrue(cli.lines().get(1).startsWith("298 "), cli.toString());
        assertEquals("warp journal tail: journal damaged at sequence 299 in " + file + ": CRC32C mismatch",
                cli.err.toString().trim());
    }

    /** -f stops on --max-entries or --timeout: without new entries it returns after the timeout, having printed none. */
    @Test
    void followStopsOnTimeoutAndMaxEntries() {
        Journals.write(dir, 1, 50, Long.MAX_VALUE);
        long start = System.nanoTime();
        Cli idle = Cli.run("journal", "tail", "-d", dir.toString(), "-f", "-n", "0", "--timeout", "0.3");
        assertEquals(0, idle.exit, idle.toString());
        assertEquals("", idle.out.toString());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
        Cli limited = Cli.run("journal", "tail", "-d", dir.toString(), "-f", "-n", "10", "--max-entries", "4");
        assertEquals(0, limited.exit, limited.toString());
        assertEquals(4, limited.lines().size(), limited.toString());
        assertTrue(limited.lines().get(0).startsWith("41 "), limited.toString());
    }

    /** A follower started before the writes sees each new entry, also when the journal rolls to new files. */
    @Test
    void followsNewEntriesAcrossFiles() throws Exception {
        Journals.write(dir, 1, 99, 100);
        Background tail = Background.run("journal", "tail", "-d", dir.toString(), "-f", "-n", "1000",
                "--max-entries", "250", "--timeout", "60");
        await("the first 99 entries", () -> tail.lines() >= 99);
        Journals.write(dir, 100, 250, 100); // the rest of the first file, then two new files
        assertEquals(0, tail.exit().get(60, TimeUnit.SECONDS), tail.cli().toString());
        assertEquals(3, Journals.journalFiles(dir).size());
        List<String> lines = tail.cli().lines();
        assertEquals(250, lines.size());
        for (int i = 1; i <= 250; i++) {
            assertTrue(lines.get(i - 1).startsWith(i + " " + Timestamps.format(Journals.micros(i))), lines.get(i - 1));
        }
    }

    /**
     * A live engine in another process writes while tail -f follows it: every entry arrives, in order. Meanwhile
     * verify and stats work beside the writer, and repair refuses, naming the writer's process.
     */
    @Test
    void followsALiveEngineInAnotherProcess() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LiveEngine.class.getName(), dir.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
            assertEquals("open", readLine(fromChild));
            toChild.println("write 100");
            assertEquals("wrote 100", readLine(fromChild));

            Background tail = Background.run("journal", "tail", "-d", dir.toString(), "-f", "-n", "1000",
                    "--max-entries", "10100", "--timeout", "60");
            await("tail to print the first 100 entries", () -> tail.lines() >= 100);

            toChild.println("write 10000"); // paced: takes at least half a second
            for (int i = 0; i < 4; i++) { // the writer appends while tail reads: still exactly the last 3
                Cli last3 = Cli.run("journal", "tail", "-d", dir.toString(), "-n", "3");
                assertEquals(0, last3.exit, last3.toString());
                assertEquals(3, last3.lines().size(), last3.toString());
            }
            Cli verify = Cli.run("journal", "verify", "-d", dir.toString());
            assertEquals(0, verify.exit, verify.toString());
            Cli stats = Cli.run("journal", "stats", "-d", dir.toString());
            assertEquals(0, stats.exit, stats.toString());
            Cli repair = Cli.run("journal", "repair", "-d", dir.toString(), "--yes");
            assertEquals(2, repair.exit, repair.toString());
            assertTrue(repair.err.toString().contains("(process " + child.pid() + ")"), repair.toString());
            assertEquals("wrote 10100", readLine(fromChild));

            assertEquals(0, tail.exit().get(60, TimeUnit.SECONDS), tail.cli().toString());
            assertPutsInOrder(tail.cli().lines(), 10100);
            Cli after = Cli.run("journal", "verify", "-d", dir.toString());
            assertTrue(after.out.toString().contains("10,100 entries in order"), after.toString());
            toChild.println("exit");
        } finally {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                fail("the child engine did not exit");
            }
        }
        assertEquals(0, child.exitValue());
    }

    private static String readLine(BufferedReader in) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OWN_THREAD).get(60, TimeUnit.SECONDS);
    }
}
