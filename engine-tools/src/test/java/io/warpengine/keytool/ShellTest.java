package io.warpengine.keytool;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./warp shell}: a script on its input, the prompt on a terminal, and tab completion. */
class ShellTest {

    @TempDir
    Path tmp;

    @Test
    void aScriptRunsEveryCommandAndTheEngineClosesWithItsCheckpoint() throws Exception {
        Path dir = tmp.resolve("db");
        Shell shell = script(dir, """
                put user:1 "hello world"
                put user:2 --encoding hex 00ff
                put user:3 ''
                get user:1
                get user:3
                get absent
                scan user:
                count
                delete user:2
                entangle user:1 user:3 --strength 0.5
                qget user:1
                meta user:1
                checkpoint
                stats
                """);
        assertEquals(0, shell.exit, shell.toString());
        List<String> lines = shell.out.lines().toList();
        assertTrue(lines.get(0).startsWith("stored user:1 (11 bytes) at sequence 1,"), shell.toString());
        // qget: 3 keys derived by the default rules (user:* -> profile:*, settings:*, sessions:*) hold nothing
        assertEquals(List.of("\"hello world\"", "\"\"", "user:1 \"hello world\"", "user:2 hex:00ff", "user:3 \"\"", "3",
                "deleted 1 of 1 key", "entangled user:1 with 1 key", "user:1 \"hello world\"",
                "  0.50 declared user:3 \"\"", "found 1 of 4 entangled keys (efficiency 0.25)"), lines.subList(3, 14));
        assertTrue(shell.out.contains("sequence:      1"), shell.toString());
        assertTrue(shell.out.contains("checkpoint written at sequence 5"), shell.toString());
        assertTrue(shell.out.contains("keys:                     2"), shell.toString());
        assertEquals("no value under absent\n", shell.err);
        try (var snapshots = Files.list(dir.resolve(WarpEngine.SNAPSHOT_DIR))) {
            assertTrue(snapshots.anyMatch(f -> f.getFileName().toString().contains("0005")),
                    "the snapshot of the checkpoint command");
        }
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            assertEquals(0, engine.recovery().entriesReplayed(), "the close wrote a snapshot: nothing to replay");
            assertEquals(2, engine.count());
        }
    }

    @Test
    void statsShowTheMemoryTiersWhenTheyAreOn() throws Exception {
        Path config = tmp.resolve("tiers.properties");
        Files.writeString(config, "memory.max.bytes=1m\n");
        Shell shell = script(tmp.resolve("db"), "put k v\nget k\nstats\n", "--config", config.toString());
        assertEquals(0, shell.exit, shell.toString());
        assertTrue(shell.out.contains("memory bound:             1,048,576 bytes"), shell.toString());
        assertTrue(shell.out.contains("event horizon:            1 keys, 33 bytes, 1 hits"), shell.toString());
        assertTrue(shell.out.contains("deep cache:               0 keys"), shell.toString());
    }

    @Test
    void aFailingCommandIsReportedOnStandardErrorTheRestRunAndTheExitCodeSaysSo() throws Exception {
        Shell shell = script(tmp.resolve("db"), """
                bogus
                get
                put "unclosed
                put k v
                exit
                put after-exit v
                """);
        assertEquals(1, shell.exit, shell.toString());
        assertEquals(List.of("error: unknown command 'bogus' (help lists the commands)",
                "error: Missing required parameter: 'KEY' (help get shows its usage)",
                "error: Missing closing quote in line: put \"unclosed"), shell.err.lines().toList());
        assertEquals(1, shell.out.lines().count(), "only put k v ran: " + shell);
    }

    @Test
    void aReadOnlyShellReadsBesideALiveEngineAndRefusesWrites() throws Exception {
        Path dir = tmp.resolve("db");
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            engine.put("k", "v".getBytes(StandardCharsets.UTF_8));
            Shell shell = script(dir, "get k\nput k w\n", "--read-only");
            assertEquals(1, shell.exit, shell.toString());
            assertEquals("\"v\"\n", shell.out);
            assertTrue(shell.err.startsWith("error: this shell is read-only (--read-only)"), shell.err);
        }
    }

    @Test
    void thePromptRunsTypedLinesAndKeepsThemInTheHistoryFile() throws Exception {
        Path dir = tmp.resolve("db");
        Path history = tmp.resolve("history");
        ShellCommand shell = new ShellCommand(System.in, System.out, System.err);
        new CommandLine(shell).parseArgs("-d", dir.toString(), "--history", history.toString());
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        EngineConfig config = EngineConfig.builder(dir).build();
        try (ShellSession session = ShellSession.live(config);
             Terminal terminal = TerminalBuilder.builder().system(false).type(Terminal.TYPE_DUMB)
                     .streams(new ByteArrayInputStream("put k v\nget k\n".getBytes(StandardCharsets.UTF_8)), screen)
                     .build()) {
            shell.prompt(session, terminal, config);
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("warp db> "), shown);
        assertTrue(shown.contains("\"v\""), shown);
        List<String> kept = Files.readAllLines(history);
        assertEquals(2, kept.size(), kept.toString());
        assertTrue(kept.get(0).endsWith("put k v") && kept.get(1).endsWith("get k"), kept.toString());
    }

    @Test
    void tabCompletesCommandsOptionsAndStoredKeys() {
        try (ShellSession session = ShellSession.live(EngineConfig.builder(tmp.resolve("db")).build())) {
            session.write(engine -> {
                engine.put("user:1", new byte[]{1});
                engine.put("user:2", new byte[]{2});
                engine.put("order:1", new byte[]{3});
                return null;
            });
            CommandLine commands = new CommandLine(new ShellCommand.ShellCommands());
            KeyCommands.shellVerbs(session, System.in).forEach(verb -> commands.addSubcommand(new CommandLine(verb)));
            ShellCompleter completer = new ShellCompleter(commands, session);
            assertEquals(List.of("get"), complete(completer, "ge"));
            assertEquals(List.of("user:1", "user:2"), complete(completer, "get us"));
            assertEquals(List.of("order:1"), complete(completer, "delete user:1 or"));
            assertEquals(List.of("--keys-only"), complete(completer, "scan --k"));
            assertEquals(List.of(), complete(completer, "stats "), "stats takes no key");
        }
    }

    /** The candidates for {@code line} with the cursor at its end that match the word typed, sorted. */
    private static List<String> complete(ShellCompleter completer, String line) {
        List<Candidate> candidates = new ArrayList<>();
        var parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        completer.complete(null, parsed, candidates);
        String typed = parsed.word().substring(0, parsed.wordCursor());
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(typed)).sorted().distinct().toList();
    }

    record Shell(int exit, String out, String err) {
    }

    private static Shell script(Path dir, String lines, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", dir.toString()));
        args.addAll(List.of(options));
        int exit = new CommandLine(new ShellCommand(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                out, err)).execute(args.toArray(String[]::new));
        return new Shell(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
