package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./warp bench throughput}: the highest rate synchronous callers sustain, phase by phase. */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = {"Closed loop: T threads call the engine synchronously, back to back, for each workload in turn.",
                "Every key is loaded once first. Reports ops/s (and the best second) and latency percentiles per "
                        + "operation, for the engine and the naive baseline.",
                "Example: ./warp bench throughput --threads 16 --workload put --workload get"})
final class ThroughputCommand extends ScenarioCommand {

    @Option(names = "--workload", paramLabel = "WORKLOADS", hideParamSyntax = true, defaultValue = "put,get", split = ";",
            description = "Workloads measured in turn, separated by ';': " + OpMix.FORMS
                    + " (default ${DEFAULT-VALUE}: a PUT phase, then a GET phase).")
    List<String> workloads;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration of each phase in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--operations", defaultValue = "0",
            description = "Operations per phase instead of a duration (default: use --seconds).")
    long operations;

    private final List<OpMix> mixes = new ArrayList<>();

    @Override
    String scenario() {
        return "throughput";
    }

    @Override
    int defaultThreads() {
        return 16;
    }

    @Override
    void validate() {
        require(seconds > 0, "--seconds must be positive, was " + seconds);
        require(operations >= 0, "--operations must not be negative, was " + operations);
        mixes.clear();
        mixes.addAll(OpMix.parseAll(workloads));
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workloads", mixes);
        m.put("seconds", seconds);
        m.put("operations", operations);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        return loadAndRun(target, t -> {
            ClosedLoop loop = new ClosedLoop(t, workload, threads, options.inFlight, options.progress);
            List<PhaseResult> phases = new ArrayList<>();
            for (OpMix mix : mixes) {
                PhaseResult p = loop.run(mix, seconds, operations);
                console.phase(t.name(), p);
                phases.add(p);
            }
            return phases;
        });
    }
}
