package io.warpengine.tools;

import io.warpengine.bench.BenchCommand;
import io.warpengine.bench.jmh.JmhCommand;
import io.warpengine.journaltool.JournalCommand;
import io.warpengine.cli.StdoutWriter;
import io.warpengine.keytool.KeyCommands;
import io.warpengine.servertool.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of {@code ./warp} and {@code warp.jar}. */
@Command(name = "warp", mixinStandardHelpOptions = true, version = "WarpEngine 0.1.0",
        description = "WarpEngine tools.")
public final class WarpCli {

    /** Exit code of a run refused for bad input (a bad option value or setting). */
    public static final int BAD_INPUT = 2;

    /**
     * Columns of --help: fixed rather than the terminal's, since picocli may break a line after any dot and the texts
     * are checked at this width (HelpTextTest) to break nowhere inside a name such as summary.json.
     */
    static final int HELP_WIDTH = 80;

    /**
     * The engine's INFO lines (recovery, checkpoints, journal retention) are off by default: they would land among a
     * command's results. slf4j-simple reads a logger's level when the logger is created, the first time an engine
     * class logs, which is after the command line is parsed: this setter runs while it is.
     */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also log what the engine does at INFO: recovery, checkpoints and journal retention.")
    void verbose(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.log.io.warpengine", "info");
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with bad input reported as one line naming the problem rather than a stack trace;
     * unexpected failures keep their trace.
     */
    public static CommandLine commandLine() {
        CommandLine warp = new CommandLine(new WarpCli());
        KeyCommands.addTo(warp, System.in); // the keys first: what a newcomer looks for in the list
        warp.addSubcommand(new ServerCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new JournalCommand())
                .addSubcommand(new JmhCommand())
                .addSubcommand(new CommandLine.HelpCommand());
        return warp.setUsageHelpWidth(HELP_WIDTH)
                .setOut(StdoutWriter.create()) // lets journal dump write bytes to stdout; a test's setOut replaces it
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                        return BAD_INPUT;
                    }
                    throw e;
                });
    }
}
