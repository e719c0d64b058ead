package io.warpengine.bench;

import io.warpengine.bench.policy.PolicyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./warp bench}: the load runner's scenarios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load runner: measures an embedded engine in a fresh directory, beside the naive baseline.",
                "Each run writes its summary (summary.json), HdrHistogram .hgrm files and a latency chart "
                        + "(latency.png) into a folder of its own under --results. The policy scenario runs no "
                        + "engine: it simulates which values the memory tiers would keep hot.",
                "Example: ./warp bench throughput"},
        subcommands = {ThroughputCommand.class, ReadWriteCommand.class, SustainedCommand.class, BurstCommand.class, RecoveryCommand.class,
                PhysicsCommand.class, PairCommand.class, TiersCommand.class,
                SweepCommand.class, PolicyCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "choose a scenario: throughput, readwrite, sustained, burst, recovery, physics, sweep or policy (./warp bench help <scenario>)");
    }
}
