package io.warpengine.keytool;

import io.warpengine.cli.EngineOptions;
import io.warpengine.EngineConfig;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./warp shell}: an interactive prompt on one open engine, with line editing, history and tab completion
 * (JLine). With a script on its standard input it runs the lines without prompts, writes errors to the standard
 * error, and exits non-zero when a command failed.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Opens the engine and takes commands at a prompt.",
                "The commands are get, put, delete, scan, count, meta, qget, entangle, disentangle, stats and "
                        + "checkpoint; help lists them and help COMMAND explains one. Tab completes commands, options "
                        + "and stored keys. Exit, quit or Ctrl-D leaves; the engine is closed then, with its "
                        + "close-time checkpoint, and on Ctrl-C or SIGTERM too.",
                "Commands can also come from a script on the standard input: ./warp shell -d DIR < commands.txt "
                        + "runs them without prompts."})
public final class ShellCommand implements Callable<Integer> {

    /** Words that leave the shell. */
    static final Set<String> EXIT_WORDS = Set.of("exit", "quit");

    @Mixin
    EngineOptions options;

    @Option(names = "--read-only", description = "Opens a read-only view of the state as of the start instead "
            + "(no lock: it works beside an engine that has the directory open).")
    boolean readOnly;

    @Option(names = "--history", paramLabel = "FILE", description = "Where an interactive shell keeps its command "
            + "history (default: .warp_history in your home directory).")
    Path history;

    private static final DefaultParser SCRIPT_PARSER = new DefaultParser().eofOnUnclosedQuote(true);

    private final InputStream in;
    private final OutputStream out;
    private final OutputStream err;

    /** A shell reading {@code in}: an interactive prompt when that is the console, otherwise a script. */
    public ShellCommand(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        // A SIGTERM or a Ctrl-C that reaches the JVM closes the engine like exit does.
        EngineConfig config = options.config().shutdownHook(true).build();
        try (ShellSession session = readOnly ? ShellSession.readOnly(config) : ShellSession.live(config)) {
            if (in != System.in || System.console() == null) {
                PrintWriter output = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
                PrintWriter errors = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
                BufferedReader script = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return run(() -> scriptLine(script, errors), commands(session, output, errors)) == 0 ? 0 : 1;
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                prompt(session, terminal, config);
                return 0;
            }
        }
    }

    /** The interactive prompt on {@code terminal}, until exit, quit or Ctrl-D; keeps the history file. */
    void prompt(ShellSession session, Terminal terminal, EngineConfig config) throws IOException {
        PrintWriter writer = terminal.writer();
        CommandLine commands = commands(session, writer, writer);
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .completer(new ShellCompleter(commands, session))
                .variable(LineReader.HISTORY_FILE, history != null ? history
                        : Path.of(System.getProperty("user.home"), ".warp_history"))
                .build();
        writer.println("WarpEngine shell on " + config.dataDir() + (readOnly ? " (read-only)" : "")
                + ": help lists the commands, exit leaves.");
        run(() -> typedLine(reader, promptText(config)), commands);
        reader.getHistory().save();
        writer.flush();
    }

    /** The next line's words, or null at the end of input. */
    private interface Lines {
        List<String> next() throws IOException;
    }

    /** Runs lines until exit or the end of input; returns how many commands failed. */
    private static int run(Lines lines, CommandLine commands) throws IOException {
        int failed = 0;
        for (List<String> words = lines.next(); words != null; words = lines.next()) {
            if (words.isEmpty()) {
                continue;
            }
            if (EXIT_WORDS.contains(words.get(0))) {
                break;
            }
            int exit = commands.execute(words.toArray(String[]::new));
            if (exit != 0 && exit != KeyVerb.NOT_FOUND) {
                failed++;
            }
        }
        return failed;
    }

    private static List<String> typedLine(LineReader reader, String prompt) {
        while (true) {
            try {
                reader.readLine(prompt);
                return words(reader.getParsedLine());
            } catch (UserInterruptException e) {
                // Ctrl-C at the prompt drops the line, as a shell does
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    /** A script's next line, split as the prompt splits it; a line with an unclosed quote is reported and skipped. */
    private static List<String> scriptLine(BufferedReader script, PrintWriter errors) throws IOException {
        String line = script.readLine();
        if (line == null) {
            return null;
        }
        try {
            return words(SCRIPT_PARSER.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE));
        } catch (SyntaxError e) {
            errors.println("error: " + e.getMessage() + " in line: " + line);
            return List.of();
        }
    }

    /** The words of a line, quotes removed, without the empty word the parser adds after trailing blanks. */
    private static List<String> words(ParsedLine parsed) {
        List<String> words = new ArrayList<>(parsed.words());
        String line = parsed.line().stripTrailing();
        if (!words.isEmpty() && words.get(words.size() - 1).isEmpty() && !line.endsWith("\"") && !line.endsWith("'")) {
            words.remove(words.size() - 1);
        }
        return words;
    }

    private static String promptText(EngineConfig config) {
        Path name = config.dataDir().toAbsolutePath().normalize().getFileName();
        return "warp " + (name != null ? name : config.dataDir()) + "> ";
    }

    private static CommandLine commands(EngineSession session, PrintWriter output, PrintWriter errors) {
        CommandLine commands = new CommandLine(new ShellCommands());
        for (KeyVerb verb : KeyCommands.shellVerbs(session, InputStream.nullInputStream())) {
            commands.addSubcommand(new CommandLine(verb));
        }
        commands.addSubcommand(new CommandLine.HelpCommand());
        return commands.setOut(output).setErr(errors).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return CommandLine.ExitCode.USAGE;
                    }
                    throw e;
                })
                .setParameterExceptionHandler((e, args) -> {
                    CommandLine failed = e.getCommandLine();
                    failed.getErr().println(failed == commands
                            ? "error: unknown command '" + args[0] + "' (help lists the commands)"
                            : "error: " + e.getMessage() + " (help " + failed.getCommandName() + " shows its usage)");
                    return CommandLine.ExitCode.USAGE;
                });
    }

    /** The root of the shell's commands: what {@code help} lists. */
    @Command(name = "", customSynopsis = "COMMAND [OPTIONS] [ARGUMENTS]",
            footer = "exit, quit or Ctrl-D leaves the shell.")
    static final class ShellCommands {
    }
}
