package io.warpengine.bench;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

/** {@code ./warp bench pair}: two engine configurations as a paired comparison ({@link PairedRounds}). */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {"Paired comparison of two engine configurations, A and B, in alternating rounds.",
                "Both engines get the configuration the other options give; then A gets every --a setting and B "
                        + "every --b setting. Both are opened and loaded at once, then each workload runs --rounds "
                        + "times on each engine, alternating, the order swapped every round. Reports each round's A/B "
                        + "ratio, and the median over pairs of rounds (one of each order) of the pair's geometric mean "
                        + "ratio.",
                "Example: ./warp bench pair --a memory.max.bytes=16g --b memory.max.bytes=0"})
final class PairCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions options;

    @Option(names = "--a", paramLabel = "SETTING=VALUE", required = true,
            description = "A setting of engine A (repeatable).")
    Map<String, String> a;

    @Option(names = "--b", paramLabel = "SETTING=VALUE", required = true,
            description = "A setting of engine B (repeatable).")
    Map<String, String> b;

    @Mixin
    PairedOptions paired;

    @Spec
    CommandSpec spec;

    /** What summary.json holds. */
    record Report(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                  List<PairedRounds.WorkloadResult> workloads) {
    }

    @Override
    public Integer call() throws Exception {
        return Cancellation.guard(this::run, spec.commandLine().getErr());
    }

    private Integer run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PairedRounds rounds = new PairedRounds(out, "A", "B", paired.seconds, paired.rounds);
        List<OpMix> mixes = OpMix.parseAll(paired.workloads);
        int threads = options.threads(16);
        Workload workload = options.workload(1_000_000);
        Path base = options.dataDir != null ? options.dataDir : Files.createTempDirectory("warp-bench-pair-");
        String startedAt = OffsetDateTime.now().toString();
        EngineConfig aConfig = with(options.engineConfig(base.resolve("engine-a")), a);
        EngineConfig bConfig = with(options.engineConfig(base.resolve("engine-b")), b);
        out.printf(Locale.ROOT, "pair: %d threads, %,d keys of %d B, values of %d B, %d rounds of %.1f s per workload"
                        + " and engine%nA: %s%nB: %s%n", threads, workload.keyCount(), options.keySize,
                options.valueSize, paired.rounds, paired.seconds, a, b);
        List<PairedRounds.WorkloadResult> results;
        try (EngineTarget aTarget = new EngineTarget(EngineTarget.NAME + "-a", aConfig);
             EngineTarget bTarget = new EngineTarget(EngineTarget.NAME + "-b", bConfig)) {
            ScenarioCommand.load(out, aTarget, workload, threads, false, options.progress);
            ScenarioCommand.load(out, bTarget, workload, threads, false, options.progress);
            results = rounds.run(mixes, new ClosedLoop(aTarget, workload, threads, options.inFlight, options.progress),
                    new ClosedLoop(bTarget, workload, threads, options.inFlight, options.progress), aTarget, bTarget);
        } finally {
            if (options.dataDir == null) {
                ScenarioCommand.deleteRecursively(base);
            }
        }
        rounds.printSummary(results);
        Map<String, Object> settings = new LinkedHashMap<>(options.describe(threads, workload.keyCount()));
        settings.put("a", aConfig.asProperties());
        settings.put("b", bConfig.asProperties());
        settings.put("workloads", mixes);
        settings.put("seconds", paired.seconds);
        settings.put("rounds", paired.rounds);
        Path dir = ResultsWriter.writeSummary("pair",
                new Report("pair", startedAt, MachineInfo.current(), settings, results), options.results);
        out.printf(Locale.ROOT, "%nresults: %s%n", dir.resolve(ResultsWriter.SUMMARY));
        return 0;
    }

    private static EngineConfig with(EngineConfig config, Map<String, String> settings) {
        EngineConfig.Builder builder = EngineConfig.builder(config.dataDir());
        config.asProperties().forEach(builder::set);
        settings.forEach(builder::set);
        return builder.build();
    }
}
