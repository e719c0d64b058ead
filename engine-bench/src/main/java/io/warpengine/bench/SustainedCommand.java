package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./warp bench sustained}: latency at a fixed offered rate, corrected for coordinated omission, and the soak
 * report: the run cut into windows, each with its percentiles, heap after GC, journal bytes and RSS.
 */
@Command(name = "sustained", mixinStandardHelpOptions = true,
        description = {"Open loop: operations are due at a fixed rate, whatever the engine does.",
                "Each operation's latency runs from its due time (no coordinated omission). Reports the achieved "
                        + "rate and percentiles.",
                "Soak report: per --window-seconds window, the percentiles p50, p99, p99.9 and max, the heap used "
                        + "after the latest GC, the journal's bytes on disk and the RSS; then the heap's slope (least "
                        + "squares, the first window left out) and the range of the per-window p99. Written as "
                        + "soak.json and soak.png.",
                "The seed's test is 200,000 ops/s for 10 minutes: --rate 200000 --seconds 600.",
                "Example: ./warp bench sustained --rate 100000 --seconds 20 --window-seconds 5"})
final class SustainedCommand extends ScenarioCommand {

    @Option(names = "--rate", defaultValue = "200000", description = "Offered operations per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seconds", defaultValue = "20", description = "Duration in seconds (default ${DEFAULT-VALUE}; the seed's is 600).")
    double seconds;

    @Option(names = "--window-seconds", defaultValue = "60",
            description = "Length of a soak report window in seconds (default ${DEFAULT-VALUE}; 1 suits a short run).")
    double windowSeconds;

    @Option(names = "--workload", defaultValue = "ycsb-a", description = "Workload (default ${DEFAULT-VALUE}): " + OpMix.FORMS + ".")
    String workloadName;

    private OpMix mix;
    private final List<SoakReport.TargetSoak> soaks = new ArrayList<>();

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
        require(windowSeconds > 0, "--window-seconds must be positive, was " + windowSeconds);
        mix = OpMix.parse(workloadName);
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rate", rate);
        m.put("seconds", seconds);
        m.put("windowSeconds", windowSeconds);
        m.put("workload", mix);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        return loadAndRun(target, t -> {
            SoakRecorder soak = new SoakRecorder(t, windowSeconds, seconds);
            PhaseResult p = new OpenLoop(t, workload, threads, options.progress).run(
                    String.format(Locale.ROOT, "%.0f/s", rate), mix, new RateSchedule.Constant(rate), seconds, soak);
            console.phase(t.name(), p);
            SoakReport.TargetSoak targetSoak = SoakReport.TargetSoak.of(t.name(), soak.atStart(), soak.windows());
            soaks.add(targetSoak);
            console.soak(targetSoak, windowSeconds);
            return List.of(p);
        });
    }

    @Override
    List<String> writeScenarioFiles(Path dir) {
        return ResultsWriter.writeSoak(dir, new SoakReport(scenario(), windowSeconds, SoakReport.WARM_UP_WINDOWS,
                HeapAfterGc.collectors(), soaks));
    }
}
