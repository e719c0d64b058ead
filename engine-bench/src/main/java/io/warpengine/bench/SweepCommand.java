package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./warp bench sweep}: the highest offered rate that keeps p99 under a bound. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Open loop at rising offered rates, until the engine no longer holds the rate offered.",
                "Each step offers --factor times the last step's rate, until the p99 latency of some operation "
                        + "exceeds --p99-micros or the achieved rate falls 5%% short of the offered one. Reports the "
                        + "highest rate that held.",
                "Example: ./warp bench sweep --start-rate 100000 --factor 1.25 --p99-micros 200"})
final class SweepCommand extends ScenarioCommand {

    @Option(names = "--start-rate", defaultValue = "50000", description = "First offered rate, ops/s (default ${DEFAULT-VALUE}).")
    double startRate;

    @Option(names = "--factor", defaultValue = "1.5", description = "Each step's rate over the previous one (default ${DEFAULT-VALUE}).")
    double factor;

    @Option(names = "--step-seconds", defaultValue = "4", description = "Duration of each step in seconds (default ${DEFAULT-VALUE}).")
    double stepSeconds;

    @Option(names = "--max-steps", defaultValue = "10", description = "Give up rising after this many steps (default ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--p99-micros", defaultValue = "1000", description = "The p99 bound in microseconds (default ${DEFAULT-VALUE}).")
    double p99Micros;

    @Option(names = "--workload", defaultValue = "ycsb-a", description = "Workload (default ${DEFAULT-VALUE}): " + OpMix.FORMS + ".")
    String workloadName;

    private OpMix mix;

    @Override
    String scenario() {
        return "sweep";
    }

    @Override
    int defaultThreads() {
        return 8;
    }

    @Override
    void validate() {
        require(startRate > 0, "--start-rate must be positive, was " + startRate);
        require(factor > 1, "--factor must be above 1, was " + factor);
        require(stepSeconds > 0, "--step-seconds must be positive, was " + stepSeconds);
        require(maxSteps >= 1, "--max-steps must be at least 1, was " + maxSteps);
        require(p99Micros > 0, "--p99-micros must be positive, was " + p99Micros);
        mix = OpMix.parse(workloadName);
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startRate", startRate);
        m.put("factor", factor);
        m.put("stepSeconds", stepSeconds);
        m.put("maxSteps", maxSteps);
        m.put("p99Micros", p99Micros);
        m.put("workload", mix);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        double[] held = {0};
        TargetReport report = loadAndRun(target, t -> {
            OpenLoop loop = new OpenLoop(t, workload, threads, options.progress);
            List<PhaseResult> steps = new ArrayList<>();
            double rate = startRate;
            for (int i = 0; i < maxSteps; i++, rate *= factor) {
                PhaseResult p = loop.run(String.format(Locale.ROOT, "%.0f/s", rate), mix, new RateSchedule.Constant(rate), stepSeconds);
                console.phase(t.name(), p);
                steps.add(p);
                double worstP99 = p.latency().get(PhaseResult.ALL).values().stream()
                        .mapToDouble(LatencySummary::p99Micros).max().orElse(Double.MAX_VALUE);
                if (worstP99 > p99Micros || p.opsPerSecond() < 0.95 * rate) {
                    out.printf(Locale.ROOT, "%s: %,.0f ops/s offered missed the bound (p99 %s µs, achieved %,.0f ops/s)%n",
                            t.name(), rate, ConsoleReport.micros(worstP99), p.opsPerSecond());
                    break;
                }
                held[0] = rate;
            }
            out.printf(Locale.ROOT, "%s: highest rate holding p99 <= %s µs: %,.0f ops/s%n", t.name(),
                    ConsoleReport.micros(p99Micros), held[0]);
            return steps;
        });
        return report.withSweep(new TargetReport.SweepResult(p99Micros, held[0]));
    }
}
