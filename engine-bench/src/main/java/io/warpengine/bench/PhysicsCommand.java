package io.warpengine.bench;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./warp bench physics}: what physics costs, as a paired comparison ({@link PairedRounds}) of on and off. */
@Command(name = "physics", mixinStandardHelpOptions = true,
        description = {"Paired comparison of the engine with physics on and off, in alternating rounds.",
                "Physics on: pattern rules on, the first 10000 keys each entangled with the next 5. Off: rules off, "
                        + "nothing entangled. Both engines are opened and loaded at once, then each workload runs "
                        + "--rounds times on each engine, alternating, the order swapped every round. Reports each "
                        + "round's on/off ratio, and the median over pairs of rounds (one of each order) of the pair's "
                        + "geometric mean ratio.",
                "Example: ./warp bench physics --workload put --workload get --rounds 6"})
final class PhysicsCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions options;

    @Mixin
    PairedOptions paired;

    @Spec
    CommandSpec spec;

    /** What summary.json holds: rounds of A (physics on) against B (physics off). */
    record Report(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                  List<PairedRounds.WorkloadResult> workloads) {
    }

    @Override
    public Integer call() throws Exception {
        return Cancellation.guard(this::run, spec.commandLine().getErr());
    }

    private Integer run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PairedRounds rounds = new PairedRounds(out, "on", "off", paired.seconds, paired.rounds);
        List<OpMix> mixes = OpMix.parseAll(paired.workloads);
        int threads = options.threads(16);
        Workload workload = options.workload(1_000_000);
        Path base = options.dataDir != null ? options.dataDir : Files.createTempDirectory("warp-bench-physics-");
        String startedAt = OffsetDateTime.now().toString();
        EngineConfig onConfig = options.engineConfig(base.resolve("engine-physics-on"));
        EngineConfig offConfig = ScenarioOptions.physicsOff(onConfig, base.resolve("engine-physics-off"));
        out.printf(Locale.ROOT, "physics: %d threads, %,d keys of %d B, values of %d B, %d rounds of %.1f s per"
                        + " workload and engine%nengine: %s%n", threads, workload.keyCount(), options.keySize,
                options.valueSize, paired.rounds, paired.seconds, onConfig.asProperties());
        List<PairedRounds.WorkloadResult> results;
        try (EngineTarget on = new EngineTarget(EngineTarget.NAME + "-physics-on", onConfig);
             EngineTarget off = new EngineTarget(EngineTarget.NAME + "-physics-off", offConfig)) {
            ScenarioCommand.load(out, on, workload, threads, true, options.progress);
            ScenarioCommand.load(out, off, workload, threads, false, options.progress);
            results = rounds.run(mixes, new ClosedLoop(on, workload, threads, options.inFlight, options.progress),
                    new ClosedLoop(off, workload, threads, options.inFlight, options.progress), on, off);
        } finally {
            if (options.dataDir == null) {
                ScenarioCommand.deleteRecursively(base);
            }
        }
        rounds.printSummary(results);
        Map<String, Object> settings = new LinkedHashMap<>(options.describe(threads, workload.keyCount()));
        settings.put("a", "physics on");
        settings.put("b", "physics off");
        settings.put("workloads", mixes);
        settings.put("seconds", paired.seconds);
        settings.put("rounds", paired.rounds);
        settings.put("engine", onConfig.asProperties());
        Path dir = ResultsWriter.writeSummary("physics",
                new Report("physics", startedAt, MachineInfo.current(), settings, results), options.results);
        out.printf(Locale.ROOT, "%nresults: %s%n", dir.resolve(ResultsWriter.SUMMARY));
        return 0;
    }
}
