package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.FormatV1Fixture;
import io.warpengine.WarpEngine;
import io.warpengine.tools.WarpCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./warp journal ...} prints on the format-v1 fixture (engine-core's
 * {@code src/test/resources/format-v1/}, see {@link FormatV1Fixture}) stays what it printed on the day the fixture
 * was made: each verb's stdout is compared with {@code src/test/resources/golden/<name>}, which were made by running
 * the real {@code ./warp} on the unpacked fixture once and reviewed. Exit 0 and an empty stderr are expected of every
 * run.
 *
 * <p>Each verb runs twice in-process: as {@code ./warp} runs it ({@link WarpCli#commandLine()} with its own stdout,
 * which lets dump and tail write UTF-8 bytes, over a captured {@link System#out}), and through a writer set on the
 * command line as {@link Cli} does (what an embedding program gets).
 *
 * <p>Normalisations, all of them:
 * <ul>
 *   <li>the temporary directory's path is replaced with {@code <DIR>} in the output (stats names the data directory,
 *       replay the files it writes);</li>
 *   <li>the unpacked files' modification time is set to {@link FormatV1Fixture#MTIME} (stats prints the snapshots'
 *       as "written ..."): the input is fixed, the output is not touched;</li>
 *   <li>{@code ./warp}'s stdout is encoded as UTF-8 ({@code sun.stdout.encoding}, which {@link StdoutWriter} honours),
 *       as on a UTF-8 terminal; Java 17 would otherwise use the platform's charset for the lines printed as text;</li>
 *   <li>through a writer, JSON lines spell a character outside the BMP (the fixture's 🚀 key) as itself, where
 *       {@code ./warp}'s byte output spells it as a {@code \\uD83D\\uDE80} escape pair (Jackson's UTF-8 generator):
 *       the same JSON string. The writer run is compared with the golden with those escape pairs decoded.</li>
 * </ul>
 * Times need no normalisation: every verb prints journal and snapshot times in UTC, with microseconds, from the
 * files; sizes are those of the fixture's files; numbers are formatted in {@code Locale.ROOT}. (Made under
 * TZ=UTC and checked identical under other time zones and locales.)
 */
class JournalGoldenOutputTest {

    private static final Pattern SURROGATE_PAIR_ESCAPE = Pattern.compile("\\\\u(d[89ab][0-9a-f]{2})\\\\u(d[c-f][0-9a-f]{2})",
            Pattern.CASE_INSENSITIVE);

    /** Read-only verbs share one unpacked copy. */
    @TempDir
    static Path shared;

    @TempDir
    Path own;

    @BeforeAll
    static void unpack() {
        FormatV1Fixture.unpack(shared.resolve("data"));
    }

    /** Golden file, then the arguments after {@code ./warp}; DIR stands for the temporary directory. */
    static Stream<Arguments> readOnlyVerbs() {
        return Stream.of(
                verb("stats.txt", "journal stats -d DIR/data"),
                verb("verify.txt", "journal verify -d DIR/data"),
                verb("dump.txt", "journal dump -d DIR/data"),
                verb("dump.jsonl", "journal dump -d DIR/data --format json"),
                verb("dump-base64.txt", "journal dump -d DIR/data --binary base64 --from-seq 41 --to-seq 80"),
                verb("dump-keys-range.txt", "journal dump -d DIR/data --key clé --key user:09 --key 🚀 --from-seq 50 --to-seq 300"),
                verb("dump-prefix-op.jsonl", "journal dump -d DIR/data --format json --binary base64 --prefix user:1 --op DELETE --limit 5"),
                verb("tail.txt", "journal tail -d DIR/data"),
                verb("tail-json.jsonl", "journal tail -d DIR/data -n 4 --format json"),
                // -f ends by itself at --max-entries: it has them at once
                verb("tail-follow.txt", "journal tail -d DIR/data -f -n 5 --max-entries 3"),
                verb("replay-keys.txt", "journal replay -d DIR/data --to-seq 187 --key clé --key binary --key never-existed --key 🚀 --key user:09"));
    }

    private static Arguments verb(String golden, String args) {
        return Arguments.of(golden, args);
    }

    @ParameterizedTest(name = "{0}: warp {1}")
    @MethodSource("readOnlyVerbs")
    void printsTheGoldenOutput(String golden, String args) {
        assertEquals(golden(golden), warp(shared, args), "./warp " + args);
        assertEquals(asThroughAWriter(golden, golden(golden)), cli(shared, args), "through a writer: " + args);
    }

    /** {@code dump -o FILE} writes the lines dump prints (through a file's byte stream), and prints nothing. */
    @Test
    void dumpToAFileWritesTheGoldenOutput() throws IOException {
        Path text = own.resolve("dump.txt");
        Path json = own.resolve("dump.jsonl");
        assertEquals("", warp(shared, "journal dump -d DIR/data -o " + text));
        assertEquals("", warp(shared, "journal dump -d DIR/data --format json -o " + json));
        assertEquals(golden("dump.txt"), Files.readString(text, StandardCharsets.UTF_8));
        assertEquals(golden("dump.jsonl"), Files.readString(json, StandardCharsets.UTF_8));
    }

    /** replay -o writes the state at the target, which an engine then opens: exactly the state the fixture's writer had there. */
    @Test
    void replayWritesTheStateAtTheTargetThatAnEngineOpens() {
        FormatV1Fixture fixture = FormatV1Fixture.expected();
        long target = 294;
        assertTrue(target > fixture.checkpoint && target < fixture.last, "a target needing the snapshot and part of the journal");
        String args = "journal replay -d DIR/data --to-seq " + target + " -o DIR/replayed";
        for (boolean throughAWriter : new boolean[]{false, true}) {
            Path root = own.resolve(throughAWriter ? "writer" : "stdout");
            FormatV1Fixture.unpack(root.resolve("data"));
            assertEquals(golden("replay.txt"), throughAWriter ? cli(root, args) : warp(root, args), args);
            EngineConfig config = EngineConfig.builder(root.resolve("replayed")).checkpointEveryOperations(0)
                    .checkpointEverySeconds(0).checkpointOnClose(false).build();
            try (WarpEngine engine = WarpEngine.open(config)) {
                assertEquals(target, engine.recovery().snapshotSequence(), engine.recovery().toString());
                assertEquals(0, engine.recovery().entriesReplayed(), engine.recovery().toString());
                Map<String, byte[]> expected = fixture.states.get(target);
                HexFormat hex = HexFormat.of();
                for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                    assertEquals(hex.formatHex(e.getValue()), engine.get(e.getKey()).map(hex::formatHex).orElse("(absent)"),
                            e.getKey());
                }
                assertEquals(expected.size(), engine.stats().keyCount(), "nothing more");
                assertEquals(expected.values().stream().mapToLong(v -> v.length).sum(), engine.stats().valueBytes());
                assertEquals(target + 1, engine.put("next", new byte[0]).sequence(), "sequences continue after the target");
            }
        }
    }

    /**
     * Runs {@code ./warp args} as {@link WarpCli#main} does, stdout (UTF-8) captured; returns it with {@code root}
     * written as {@code <DIR>}. Fails unless it exits 0 with nothing on stderr.
     */
    private static String warp(Path root, String args) {
        String[] argv = argv(root, args);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream savedOut = System.out;
        String savedEncoding = System.getProperty("sun.stdout.encoding");
        int exit;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setProperty("sun.stdout.encoding", "UTF-8");
            CommandLine commandLine = WarpCli.commandLine(); // its stdout writer wraps System.out as it is now
            commandLine.setErr(new PrintWriter(err, true));
            exit = commandLine.execute(argv);
            commandLine.getOut().flush();
        } finally {
            System.setOut(savedOut);
            if (savedEncoding == null) {
                System.clearProperty("sun.stdout.encoding");
            } else {
                System.setProperty("sun.stdout.encoding", savedEncoding);
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("0 ", exit + " " + err, "./warp " + args + "\n--- out:\n" + out);
        return normalise(root, out);
    }

    /** As {@link #warp}, through a writer ({@link Cli}). */
    private static String cli(Path root, String args) {
        Cli cli = Cli.run(argv(root, args));
        assertEquals(0, cli.exit, cli.toString());
        assertEquals("", cli.err.toString(), cli.toString());
        return normalise(root, cli.out.toString());
    }

    private static String[] argv(Path root, String args) {
        return args.replace("DIR", root.toString()).split(" ");
    }

    private static String normalise(Path root, String out) {
        return out.replace(root.toString(), "<DIR>");
    }

    /** The golden as a run through a writer prints it: JSON lines with characters outside the BMP unescaped. */
    private static String asThroughAWriter(String name, String golden) {
        if (!name.endsWith(".jsonl")) {
            return golden;
        }
        Matcher m = SURROGATE_PAIR_ESCAPE.matcher(golden);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            char high = (char) Integer.parseInt(m.group(1), 16);
            char low = (char) Integer.parseInt(m.group(2), 16);
            m.appendReplacement(b, Matcher.quoteReplacement(new String(new char[]{high, low})));
        }
        return m.appendTail(b).toString();
    }

    private static String golden(String name) {
        try (InputStream in = JournalGoldenOutputTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
