package io.warpengine.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ./warp bench physics}: what physics costs, as a paired comparison. Measuring one engine after the other
 * puts the machine's drift (the JIT, the other tenants of its cores, the page cache) into the ratio: on this
 * machine the same phase varies by up to 1.6x between runs, and whichever engine ran second was faster. Here both
 * engines are open at once, and every workload runs in rounds that alternate between them, the order swapped each
 * round. Whichever engine runs first in a round tends to be faster (measured: in 6 of 8 rounds), so each pair of
 * rounds, one with each order, gives one figure, the geometric mean of its two ratios (an AB/BA crossover: the
 * order effect cancels); the median over the pairs is the result.
 * Each phase starts only when neither engine is writing a checkpoint: one that an engine started near the end of
 * its phase would otherwise run on into the other engine's phase and be charged to it. Each engine's own
 * checkpoints during its phases are its cost, and are reported per round.
 */
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

    @Option(names = "--workload", paramLabel = "WORKLOADS", hideParamSyntax = true, defaultValue = "put,get", split = ";",
            description = "Workloads, separated by ';': " + OpMix.FORMS + " (default ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(names = "--seconds", defaultValue = "3", description = "Duration of each phase in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", defaultValue = "8",
            description = "Rounds per workload, each one phase per engine; an even number, as rounds pair up "
                    + "(default ${DEFAULT-VALUE}).")
    int rounds;

    @Spec
    CommandSpec spec;

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** The longest wait for the other engine's checkpoint before a phase starts. */
    private static final long QUIET_TIMEOUT_MILLIS = 300_000;

    /**
     * One round of one workload: both engines' rates and the process's CPU time per operation in their phases, which
     * ran first, and the checkpoints each wrote meanwhile.
     */
    record Round(int number, boolean onFirst, double onOpsPerSecond, double offOpsPerSecond, double onCpuNanosPerOp,
                 double offCpuNanosPerOp, List<CheckpointWindows.Seen> onCheckpoints,
                 List<CheckpointWindows.Seen> offCheckpoints) {
        @JsonProperty
        public double ratio() {
            return onOpsPerSecond / offOpsPerSecond;
        }

        /** CPU time per operation, on over off: the work physics adds, wherever it runs, less moved by other tenants. */
        @JsonProperty
        public double cpuRatio() {
            return onCpuNanosPerOp / offCpuNanosPerOp;
        }
    }

    /** A workload's rounds and their medians. */
    record WorkloadResult(String workload, List<Round> rounds) {
        /** The geometric mean of the ratios of rounds 1 and 2, 3 and 4, ...: one figure per pair of orders. */
        @JsonProperty
        public List<Double> pairRatios() {
            return pairs(Round::ratio);
        }

        /** The figure: the median of {@link #pairRatios()}. */
        @JsonProperty
        public double medianPairRatio() {
            return median(pairRatios().stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** As {@link #pairRatios()}, of the CPU time per operation (above 1: physics costs work). */
        @JsonProperty
        public List<Double> pairCpuRatios() {
            return pairs(Round::cpuRatio);
        }

        @JsonProperty
        public double medianPairCpuRatio() {
            return median(pairCpuRatios().stream().mapToDouble(Double::doubleValue).toArray());
        }

        private List<Double> pairs(java.util.function.ToDoubleFunction<Round> ratio) {
            List<Double> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < rounds.size(); i += 2) {
                pairs.add(Math.sqrt(ratio.applyAsDouble(rounds.get(i)) * ratio.applyAsDouble(rounds.get(i + 1))));
            }
            return pairs;
        }

        @JsonProperty
        public double medianOnOpsPerSecond() {
            return median(rounds.stream().mapToDouble(Round::onOpsPerSecond).toArray());
        }

        @JsonProperty
        public double medianOffOpsPerSecond() {
            return median(rounds.stream().mapToDouble(Round::offOpsPerSecond).toArray());
        }
    }

    /** What summary.json holds. */
    record Report(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                  List<WorkloadResult> workloads) {
    }

    @Override
    public Integer call() throws Exception {
        return Cancellation.guard(this::run, spec.commandLine().getErr());
    }

    private Integer run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioCommand.require(seconds > 0, "--seconds must be positive, was " + seconds);
        ScenarioCommand.require(rounds >= 2 && rounds % 2 == 0, "--rounds must be an even number of at least 2 (each"
                + " pair of rounds runs both orders), was " + rounds);
        List<OpMix> mixes = OpMix.parseAll(workloads);
        int threads = options.threads(16);
        Workload workload = options.workload(1_000_000);
        Path base = options.dataDir != null ? options.dataDir : Files.createTempDirectory("warp-bench-physics-");
        String startedAt = OffsetDateTime.now().toString();
        EngineConfig onConfig = options.engineConfig(base.resolve("engine-physics-on"));
        EngineConfig offConfig = ScenarioOptions.physicsOff(onConfig, base.resolve("engine-physics-off"));
        out.printf(Locale.ROOT, "physics: %d threads, %,d keys of %d B, values of %d B, %d rounds of %.1f s per"
                        + " workload and engine%nengine: %s%n", threads, workload.keyCount(), options.keySize,
                options.valueSize, rounds, seconds, onConfig.asProperties());
        List<WorkloadResult> results = new ArrayList<>();
        try (EngineTarget on = new EngineTarget(EngineTarget.NAME + "-physics-on", onConfig);
             EngineTarget off = new EngineTarget(EngineTarget.NAME + "-physics-off", offConfig)) {
            ScenarioCommand.load(out, on, workload, threads, true, options.progress);
            ScenarioCommand.load(out, off, workload, threads, false, options.progress);
            ClosedLoop onLoop = new ClosedLoop(on, workload, threads, options.inFlight, options.progress);
            ClosedLoop offLoop = new ClosedLoop(off, workload, threads, options.inFlight, options.progress);
            for (OpMix mix : mixes) {
                List<Round> done = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    boolean onFirst = r % 2 == 1;
                    Measured first = phase(onFirst ? onLoop : offLoop, mix, on, off);
                    Measured second = phase(onFirst ? offLoop : onLoop, mix, on, off);
                    Measured onPhase = onFirst ? first : second;
                    Measured offPhase = onFirst ? second : first;
                    Round round = new Round(r, onFirst, onPhase.result().opsPerSecond(),
                            offPhase.result().opsPerSecond(), onPhase.cpuNanosPerOp(), offPhase.cpuNanosPerOp(),
                            onPhase.result().checkpoints(), offPhase.result().checkpoints());
                    out.printf(Locale.ROOT, "%-10s round %d (%s first): on %,10.0f ops/s, off %,10.0f ops/s, on/off %.3f,"
                                    + " CPU/op on/off %.3f  checkpoints on %s, off %s%n", mix.name(), r,
                            onFirst ? "on" : "off", round.onOpsPerSecond(), round.offOpsPerSecond(), round.ratio(),
                            round.cpuRatio(), describe(round.onCheckpoints()), describe(round.offCheckpoints()));
                    out.flush();
                    done.add(round);
                }
                results.add(new WorkloadResult(mix.name(), done));
            }
        } finally {
            if (options.dataDir == null) {
                ScenarioCommand.deleteRecursively(base);
            }
        }
        out.printf(Locale.ROOT, "%n%-10s %14s %14s %16s %18s  %s%n", "workload", "on ops/s", "off ops/s",
                "median on/off", "median CPU/op on/off", "pairs of rounds on/off (throughput; CPU/op)");
        for (WorkloadResult w : results) {
            out.printf(Locale.ROOT, "%-10s %,14.0f %,14.0f %16.3f %20.3f  %s; %s%n", w.workload(),
                    w.medianOnOpsPerSecond(), w.medianOffOpsPerSecond(), w.medianPairRatio(), w.medianPairCpuRatio(),
                    format(w.pairRatios()), format(w.pairCpuRatios()));
        }
        Map<String, Object> settings = new LinkedHashMap<>(options.describe(threads, workload.keyCount()));
        settings.put("workloads", mixes);
        settings.put("seconds", seconds);
        settings.put("rounds", rounds);
        settings.put("engine", onConfig.asProperties());
        Path dir = ResultsWriter.writeSummary("physics",
                new Report("physics", startedAt, MachineInfo.current(), settings, results), options.results);
        out.printf(Locale.ROOT, "%nresults: %s%n", dir.resolve(ResultsWriter.SUMMARY));
        return 0;
    }

    /** A phase with the CPU time the whole process spent per operation in it (callers, checkpoints, GC). */
    private record Measured(PhaseResult result, double cpuNanosPerOp) {
    }

    /** Runs one phase once neither engine is writing a checkpoint. */
    private Measured phase(ClosedLoop loop, OpMix mix, Target... engines) throws InterruptedException {
        for (Target engine : engines) {
            awaitNoCheckpoint(engine);
        }
        long cpuBefore = PROCESS.getProcessCpuTime();
        PhaseResult result = loop.run(mix, seconds, 0);
        long cpu = PROCESS.getProcessCpuTime() - cpuBefore;
        return new Measured(result, (double) cpu / Math.max(1, result.operations()));
    }

    private static List<String> format(List<Double> ratios) {
        return ratios.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList();
    }

    private static void awaitNoCheckpoint(Target engine) throws InterruptedException {
        long deadline = System.currentTimeMillis() + QUIET_TIMEOUT_MILLIS;
        while (engine.runningCheckpoint() != 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(engine.name() + " was still writing checkpoint "
                        + engine.runningCheckpoint() + " after " + QUIET_TIMEOUT_MILLIS / 1000 + " s");
            }
            Thread.sleep(10); // polling a background checkpoint the engine offers no completion signal for
        }
    }

    /** e.g. {@code 1 (1840 ms)}; {@code -} for none; a checkpoint unfinished at the phase's end counts, unmeasured. */
    private static String describe(List<CheckpointWindows.Seen> checkpoints) {
        if (checkpoints.isEmpty()) {
            return "-";
        }
        return checkpoints.size() + " (" + checkpoints.stream()
                .map(c -> c.finished() ? String.format(Locale.ROOT, "%.0f ms", c.snapshotMillis()) : "running")
                .collect(Collectors.joining(", ")) + ")";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
