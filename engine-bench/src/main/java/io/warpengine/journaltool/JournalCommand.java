package io.warpengine.journaltool;

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
        exitCodeList = {JournalCommand.EXIT_0, JournalCommand.EXIT_1, JournalCommand.EXIT_2})
public final class JournalCommand implements Callable<Integer> {

    static final String EXIT_0 = "0:done; the journal read was whole";
    static final String EXIT_1 = "1:damage found (named on stderr: first bad sequence and file), or repair declined";
    static final String EXIT_2 = "2:bad input or refused: bad option, missing directory, not a WarpEngine data "
            + "directory, directory locked by an engine (repair)";

    @Spec
    CommandSpec spec;

    /** Without a verb: the usage, as an error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
