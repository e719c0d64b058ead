package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./warp bench burst}: a base rate with periodic bursts, percentiles per window. */
@Command(name = "burst", mixinStandardHelpOptions = true,
        description = {"Open loop at a base rate with periodic bursts.",
                "Latency runs from each operation's due time, reported separately for the base and the burst windows.",
                "The seed's test is 50,000 ops/s with 30 s bursts of 300,000 ops/s every 5 minutes: --base-rate 50000 "
                        + "--burst-rate 300000 --burst-seconds 30 --period-seconds 300 --seconds 600.",
                "Example: ./warp bench burst --burst-rate 400000 --seconds 60"})
final class BurstCommand extends ScenarioCommand {

    @Option(names = "--base-rate", defaultValue = "50000", description = "Offered ops/s between bursts (default ${DEFAULT-VALUE}).")
    double baseRate;

    @Option(names = "--burst-rate", defaultValue = "300000", description = "Offered ops/s during a burst (default ${DEFAULT-VALUE}).")
    double burstRate;

    @Option(names = "--burst-seconds", defaultValue = "5", description = "Length of a burst in seconds (default ${DEFAULT-VALUE}; the seed's is 30).")
    double burstSeconds;

    @Option(names = "--period-seconds", defaultValue = "15",
            description = "A burst ends every this many seconds (default ${DEFAULT-VALUE}; the seed's is 300).")
    double periodSeconds;

    @Option(names = "--seconds", defaultValue = "30", description = "Duration in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--workload", defaultValue = "ycsb-a", description = "Workload (default ${DEFAULT-VALUE}): " + OpMix.FORMS + ".")
    String workloadName;

    private OpMix mix;
    private RateSchedule.Burst schedule;

    @Override
    String scenario() {
        return "burst";
    }

    @Override
    int defaultThreads() {
        return 8;
    }

    @Override
    void validate() {
        require(seconds > 0, "--seconds must be positive, was " + seconds);
        schedule = new RateSchedule.Burst(baseRate, burstRate, periodSeconds, burstSeconds);
        mix = OpMix.parse(workloadName);
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedule", schedule);
        m.put("seconds", seconds);
        m.put("workload", mix);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        return loadAndRun(target, t -> {
            PhaseResult p = new OpenLoop(t, workload, threads, options.progress).run("burst", mix, schedule, seconds);
            console.phase(t.name(), p);
            return List.of(p);
        });
    }
}
