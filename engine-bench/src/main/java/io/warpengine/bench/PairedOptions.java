package io.warpengine.bench;

import picocli.CommandLine.Option;

import java.util.List;

/** The options of a paired comparison ({@link PairedRounds}): its workloads, and the rounds and their length. */
final class PairedOptions {

    @Option(names = "--workload", paramLabel = "WORKLOADS", hideParamSyntax = true, defaultValue = "put,get", split = ";",
            description = "Workloads, separated by ';': " + OpMix.FORMS + " (default ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--seconds", defaultValue = "3", description = "Duration of each phase in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", defaultValue = "8",
            description = "Rounds per workload, each one phase per engine; an even number, as rounds pair up "
                    + "(default ${DEFAULT-VALUE}).")
    int rounds;
}
