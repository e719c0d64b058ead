package io.warpengine.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./warp} and {@code warp.jar}. */
@Command(name = "warp", mixinStandardHelpOptions = true, version = "WarpEngine 0.1.0",
        description = "WarpEngine tools.",
        subcommands = {BenchCommand.class, CommandLine.HelpCommand.class})
public final class WarpCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new WarpCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
