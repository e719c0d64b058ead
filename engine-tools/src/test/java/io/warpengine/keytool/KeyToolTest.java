package io.warpengine.keytool;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.tools.WarpCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./warp get|put|delete|scan|count}: one call each, through the real command line. */
class KeyToolTest {

    @TempDir
    Path tmp;

    @Test
    void putThenGetScanCountAndDeleteRoundTripThroughTheDirectory() {
        String dir = tmp.resolve("db").toString();
        Run put = run("put", "-d", dir, "user:1", "hello world");
        assertEquals(0, put.exit, put.toString());
        assertTrue(put.out.startsWith("stored user:1 (11 bytes) at sequence 1"), put.toString());
        assertEquals(0, run("put", "-d", dir, "user:2", "--encoding", "hex", "00ff").exit);
        assertEquals(0, run("put", "-d", dir, "order:1", "--access", "hot", "--priority", "critical", "x").exit);

        assertEquals("\"hello world\"\n", run("get", "-d", dir, "user:1").out);
        assertEquals("hex:00ff\n", run("get", "-d", dir, "user:2").out);
        assertEquals("base64:AP8=\n", run("get", "-d", dir, "user:2", "--binary", "base64").out);
        assertEquals("user:1 \"hello world\"\nuser:2 hex:00ff\n", run("scan", "-d", dir, "user:").out);
        assertEquals("order:1\nuser:1\n", run("scan", "-d", dir, "--keys-only", "--limit", "2").out);
        assertEquals("3\n", run("count", "-d", dir).out);
        assertEquals("2\n", run("count", "-d", dir, "user:").out);

        Run delete = run("delete", "-d", dir, "user:1", "absent");
        assertEquals("deleted 1 of 2 keys\n", delete.out, delete.toString());
        Run missing = run("get", "-d", dir, "user:1");
        assertEquals(KeyVerb.NOT_FOUND, missing.exit, missing.toString());
        assertEquals("", missing.out);
        assertEquals("no value under user:1\n", missing.err);
    }

    @Test
    void aValueComesFromAFileOrTheStandardInputByteForByte() throws Exception {
        String dir = tmp.resolve("db").toString();
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};
        Path file = Files.write(tmp.resolve("value.bin"), bytes);
        assertEquals(0, run("put", "-d", dir, "from-file", "--file", file.toString()).exit);
        assertEquals(0, runWithInput(bytes, "put", "-d", dir, "from-stdin", "--file", "-").exit);
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(tmp.resolve("db")).build())) {
            assertArrayEquals(bytes, engine.get("from-file").orElseThrow());
            assertArrayEquals(bytes, engine.get("from-stdin").orElseThrow());
        }
    }

    @Test
    void getRawWritesTheValueBytesAsTheyAreToStandardOutput() {
        String dir = tmp.resolve("db").toString();
        assertEquals(0, run("put", "-d", dir, "k", "--encoding", "base64", "AP8K").exit);
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        int exit;
        try {
            exit = WarpCli.commandLine().execute("get", "-d", dir, "k", "--raw"); // stdout as ./warp has it
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, exit);
        assertArrayEquals(new byte[]{0, (byte) 0xff, '\n'}, captured.toByteArray());
    }

    @Test
    void readsWorkBesideAnEngineThatHoldsTheDirectory() {
        Path dir = tmp.resolve("db");
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            engine.put("live", "v1".getBytes(StandardCharsets.UTF_8));
            assertEquals("\"v1\"\n", run("get", "-d", dir.toString(), "live").out);
            Run write = run("put", "-d", dir.toString(), "live", "v2");
            assertEquals(WarpCli.BAD_INPUT, write.exit, write.toString());
            assertTrue(write.err.contains("this process already holds it") || write.err.contains("in use"), write.err);
        }
    }

    @Test
    void badInputGetsOneLineNamingItAndExitTwo() {
        String dir = tmp.resolve("db").toString();
        assertEquals(0, run("put", "-d", dir, "k", "v").exit);
        for (List<String> args : List.of(
                List.of("get", "-d", tmp.resolve("nothing-here").toString(), "k"),
                List.of("put", "-d", dir, "k", "--encoding", "hex", "zz"),
                List.of("put", "-d", dir, "k"),
                List.of("put", "-d", dir, "k", "v", "--file", "x"),
                List.of("put", "-d", dir, "k", "--file", tmp.resolve("no-such-file").toString()),
                List.of("scan", "-d", dir, "--limit", "-1"),
                List.of("put", "-d", dir, "", "v"))) {
            Run r = run(args.toArray(String[]::new));
            assertEquals(WarpCli.BAD_INPUT, r.exit, args + ": " + r);
            assertEquals(1, r.err.lines().count(), args + ": " + r);
            assertTrue(r.err.startsWith("warp " + args.get(0) + ": "), args + ": " + r);
        }
        assertEquals("\"v\"\n", run("get", "-d", dir, "k").out, "nothing was written by the refused puts");
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Run runWithInput(byte[] stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine warp = WarpCli.commandLine();
            warp.setOut(new PrintWriter(out, true));
            warp.setErr(new PrintWriter(err, true));
            int exit = warp.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}
