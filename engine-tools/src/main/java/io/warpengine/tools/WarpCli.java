package io.warpengine.tools;

import io.warpengine.bench.BenchCommand;
import io.warpengine.bench.jmh.JmhCommand;
import io.warpengine.journaltool.JournalCommand;
import io.warpengine.keytool.KeyCommands;
import io.warpengine.display.StdoutWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./warp} and {@code warp.jar}. */
@Command(name = "warp", mixinStandardHelpOptions = true, version = "WarpEngine 0.1.0",
        description = "WarpEngine tools.",
        subcommands = {BenchCommand.class, JournalCommand.class, JmhCommand.class, CommandLine.HelpCommand.class})
public final class WarpCli {

    /** Exit code of a run refused for bad input (a bad option value or setting). */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with bad input reported as one line naming the problem rather than a stack trace;
     * unexpected failures keep their trace.
     */
    public static CommandLine commandLine() {
        CommandLine warp = new CommandLine(new WarpCli());
        KeyCommands.addTo(warp, System.in);
        return warp
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
