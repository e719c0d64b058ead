package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./warp bench sustained}: latency at a fixed offered rate, corrected for coordinated omission. */
@Command(name = "sustained", mixinStandardHelpOptions = true,
        description = {"Open loop: operations are due at a fixed rate whatever the engine does, and each one's latency",
                "runs from its due time (no coordinated omission). Reports the achieved rate and percentiles.",
                "The seed's test is 200,000 ops/s for 10 minutes: --rate 200000 --seconds 600.",
                "Example: ./warp bench sustained --rate 100000 --seconds 20 --workload put"})
final class SustainedCommand extends ScenarioCommand {

    @Option(names = "--rate", defaultValue = "200000", description = "offered operations per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "20", description = "duration (default ${DEFAULT-VALUE}; the seed's is 600)")
    double seconds;

    @Option(names = "--workload", defaultValue = "ycsb-a", description = {OpMix.FORMS + " (default ${DEFAULT-VALUE})"})
    String workloadName;

    private OpMix mix;

    @Override
    String scenario() {
        return "sustained";
    }

    @Override
    int defaultThreads() {
        return 8;
    }

    @Override
    void validate() {
        require(rate > 0, "--rate must be positive, was " + rate);
        require(seconds > 0, "--seconds must be positive, was " + seconds);
        mix = OpMix.parse(workloadName);
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("seconds", seconds);
        m.put("workload", mix);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        return loadAndRun(target, t -> {
            PhaseResult p = new OpenLoop(t, workload, threads, options.progress)
                    .run(String.format(Locale.ROOT, "%.0f/s", rate), mix, new RateSchedule.Constant(rate), seconds);
            console.phase(t.name(), p);
            return List.of(p);
        });
    }
}
