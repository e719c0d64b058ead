package io.warpengine.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./warp bench readwrite}: writer threads and reader threads at once, each group in its own closed loop.
 * It shows how writes and reads share the machine, e.g. whether the engine's journal-and-apply thread keeps up
 * with many writers while readers take the cores.
 */
@Command(name = "readwrite", mixinStandardHelpOptions = true,
        description = {"Closed loop, two groups at once: W threads call put (synchronously) and R threads call get.",
                "Every key is loaded once first; then both groups call back to back. Reports writes/s, reads/s and "
                        + "latency percentiles of each operation, for the engine and the naive baseline, and their "
                        + "ratios. The option --threads sets the load's threads only (default W + R).",
                "Example: ./warp bench readwrite --writers 16 --readers 16 --seconds 10"})
final class ReadWriteCommand extends ScenarioCommand {

    static final String PHASE = "readwrite";

    @Option(names = "--writers", defaultValue = "16", description = "Threads calling put (default ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--readers", defaultValue = "16", description = "Threads calling get (default ${DEFAULT-VALUE}).")
    int readers;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    String scenario() {
        return "readwrite";
    }

    @Override
    int defaultThreads() {
        return writers + readers;
    }

    @Override
    int defaultKeys() {
        return 100_000;
    }

    @Override
    void validate() {
        require(writers >= 1, "--writers must be at least 1, was " + writers);
        require(readers >= 1, "--readers must be at least 1, was " + readers);
        require(seconds > 0, "--seconds must be positive, was " + seconds);
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("writers", writers);
        m.put("readers", readers);
        m.put("seconds", seconds);
        return m;
    }

    @Override
    TargetReport measure(TargetSpec target) throws Exception {
        return loadAndRun(target, t -> {
            // --in-flight 1 (the default) has the writers call the synchronous put; the readers' GETs always are
            ClosedLoop loop = new ClosedLoop(t, workload, threads, options.inFlight, options.progress);
            PhaseResult p = loop.run(PHASE, List.of(new ClosedLoop.Group(OpMix.parse("put"), writers),
                    new ClosedLoop.Group(OpMix.parse("get"), readers)), seconds, 0);
            console.phase(t.name(), p);
            out.printf(Locale.ROOT, "%s: %,.0f writes/s by %d writers, %,.0f reads/s by %d readers%n", t.name(),
                    p.writesPerSecond(), writers, p.readsPerSecond(), readers);
            return List.of(p);
        });
    }

    @Override
    Map<String, Double> scenarioRatios(TargetReport engine, TargetReport baseline) {
        PhaseResult e = engine.phase(PHASE);
        PhaseResult b = baseline.phase(PHASE);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(PHASE + " writes/s, engine / baseline", e.writesPerSecond() / b.writesPerSecond());
        m.put(PHASE + " reads/s, engine / baseline", e.readsPerSecond() / b.readsPerSecond());
        return m;
    }
}
