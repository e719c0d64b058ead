package io.warpengine.journaltool;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code ./warp journal}: see and repair a data directory's write-ahead journal without writing code. Every verb
 * but {@code repair} only reads, through read-only views, so it may run beside an engine writing the directory.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = {"See and repair the write-ahead journal of a WarpEngine data directory.",
                "Every verb but repair only reads, and is safe while an engine writes to the directory.",
                "",
                "Example: ./warp journal verify -d data"},
        subcommands = {StatsCommand.class, DumpCommand.class, VerifyCommand.class, TailCommand.class,
                ReplayCommand.class, RepairCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {JournalCommand.EXIT_0, JournalCommand.EXIT_1 + "; repair: not confirmed",
                JournalCommand.EXIT_2 + "; repair: an engine holds the directory"})
public final class JournalCommand implements Callable<Integer> {

    static final String EXIT_0 = "0:done; the journal read was whole";
    static final String EXIT_1 = "1:damage found: one line on stderr names the first bad sequence and the file";
    static final String EXIT_2 = "2:bad input or refused: a bad option, a missing directory, or one that is not a "
            + "WarpEngine data directory";

    @Spec
    CommandSpec spec;

    /** Without a verb: an error line naming the verbs, then the usage (as {@code ./warp bench} does). */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a verb: stats, dump, verify, tail, replay or repair (./warp journal help <verb>)");
    }
}
