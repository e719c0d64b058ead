package io.warpengine.bench;

import io.warpengine.EngineConfig;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * What every scenario does around its own measurement: builds the workload, runs the scenario on the engine
 * and then on the baseline, measures the raw journal reference, checks the seed's targets, prints the summary
 * and writes the result files.
 */
abstract class ScenarioCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions options;

    @Mixin
    ComparisonOptions compare;

    @Spec
    CommandSpec spec;

    PrintWriter out;
    ConsoleReport console;
    Workload workload;
    int threads;

    /** Where and how to open one target of the run. */
    record TargetSpec(String name, Path dir, EngineConfig config, boolean physics) {
        /** Physics on for an engine, as the engine opens by default. */
        TargetSpec(String name, Path dir, EngineConfig config) {
            this(name, dir, config, true);
        }

        Target open() {
            if (config != null) {
                return new EngineTarget(name, config);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
            }
            return new NaiveTarget(dir);
        }
    }

    /** The measured phases of a scenario on an open, loaded target. */
    interface Phases {
        List<PhaseResult> run(Target target) throws Exception;
    }

    abstract String scenario();

    abstract int defaultThreads();

    /** Distinct keys when {@code --keys} is not given. */
    int defaultKeys() {
        return 1_000_000;
    }

    /** Rejects bad scenario options with an {@link IllegalArgumentException} naming them. */
    abstract void validate();

    /** The scenario's own options, for the report. */
    abstract Map<String, Object> scenarioSettings();

    /** Engine over baseline figures of the scenario's own, beside the common ratios; none by default. */
    Map<String, Double> scenarioRatios(TargetReport engine, TargetReport baseline) {
        return Map.of();
    }

    /** Runs the scenario on one target. */
    abstract TargetReport measure(TargetSpec target) throws Exception;

    /** Writes the scenario's own files into the run's folder {@code dir}, after the common ones; returns their names. */
    List<String> writeScenarioFiles(Path dir) {
        return List.of();
    }

    /** The run's exit code, once its results are written: 0 unless a check of the scenario's own failed. */
    int exitCode(List<TargetReport> targets) {
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        return Cancellation.guard(this::run, spec.commandLine().getErr());
    }

    private Integer run() throws Exception {
        out = spec.commandLine().getOut();
        console = new ConsoleReport(out);
        validate();
        threads = options.threads(defaultThreads());
        workload = prepared(options.workload(defaultKeys()));
        Path base = options.dataDir != null ? options.dataDir : Files.createTempDirectory("warp-bench-");
        try {
            EngineConfig engineConfig = options.engineConfig(base.resolve("engine"));
            Map<String, Object> settings = new LinkedHashMap<>(options.describe(threads, workload.keyCount()));
            settings.putAll(compare.describe());
            settings.putAll(scenarioSettings());
            settings.put("engine", engineConfig.asProperties());
            out.printf(Locale.ROOT, "%s: %d threads, %,d keys of %d B (%s), values of %d B%nengine: %s%n", scenario(),
                    threads, workload.keyCount(), options.keySize, settings.get("distribution"), options.valueSize,
                    engineConfig.asProperties());
            String startedAt = OffsetDateTime.now().toString();
            List<TargetReport> targets = new ArrayList<>();
            List<Boolean> physicsRuns = compare.physicsRuns();
            for (boolean physics : physicsRuns) {
                EngineConfig c = engineConfig;
                if (!physics) { // the same settings in a directory of its own
                    c = ScenarioOptions.physicsOff(engineConfig, base.resolve("engine-physics-off"));
                }
                String name = physicsRuns.size() == 1 ? EngineTarget.NAME
                        : EngineTarget.NAME + (physics ? "-physics-on" : "-physics-off");
                targets.add(measure(new TargetSpec(name, c.dataDir(), c, physics)));
            }
            int engines = targets.size();
            if (compare.baseline) {
                targets.add(measure(new TargetSpec(NaiveTarget.NAME, base.resolve("baseline"), null)));
            }
            RawJournalReference reference = RawJournalReference.measure(base.resolve("reference"),
                    engineConfig.journalRollCycle(), workload, compare.referenceSeconds);
            Map<String, Double> ratios = ratios(targets.get(0), compare.baseline ? targets.get(engines) : null,
                    reference);
            if (compare.baseline) {
                ratios.putAll(scenarioRatios(targets.get(0), targets.get(engines)));
            }
            if (engines == 2) { // physics on over off, whichever ran first
                boolean onFirst = physicsRuns.get(0);
                ratios.putAll(physicsRatios(targets.get(onFirst ? 0 : 1), targets.get(onFirst ? 1 : 0)));
            }
            RunReport report = new RunReport(scenario(), startedAt, MachineInfo.current(), settings, targets,
                    reference, ratios, engines == 2
                    ? SeedChecklist.evaluate(targets.get(physicsRuns.get(0) ? 0 : 1),
                            targets.get(physicsRuns.get(0) ? 1 : 0), reference)
                    : SeedChecklist.evaluate(targets.get(0), null, reference));
            Path files = ResultsWriter.write(report, options.results);
            console.summary(report, files, writeScenarioFiles(files));
            return exitCode(targets);
        } finally {
            if (options.dataDir == null) {
                deleteRecursively(base);
            }
        }
    }

    /** Opens the target, loads every key, runs the phases, measures memory and log bytes, closes it. */
    TargetReport loadAndRun(TargetSpec spec, Phases phases) throws Exception {
        long runnerHeap = MachineInfo.liveHeapBytes();
        try (Target target = spec.open()) {
            double loadSeconds = load(out, target, workload, threads, spec.physics(), options.progress);
            List<PhaseResult> results = phases.run(target);
            TargetReport report = new TargetReport(target.name(), loadSeconds, results, memory(runnerHeap),
                    (double) target.logBytesWritten() / (workload.keyCount() + writes(results)), null, null);
            console.target(report);
            return report;
        }
    }

    /**
     * Puts every key of {@code workload} once; for an engine with {@code physics}, entangles the workload's first keys;
     * then checkpoints an engine. Returns the load's seconds.
     */
    /** The scenario's workload, as a scenario wants it: as made by default. */
    Workload prepared(Workload made) {
        return made;
    }

    static double load(PrintWriter out, Target target, Workload workload, int threads, boolean physics,
                       boolean progress) throws InterruptedException {
        out.printf(Locale.ROOT, "%n== %s ==%n", target.name());
        double seconds = new ClosedLoop(target, workload, threads, progress).load();
        out.printf(Locale.ROOT, "%s load: %,d PUT (inserts, also the JIT warm-up) in %.2f s = %,.0f ops/s%n",
                target.name(), workload.keyCount(), seconds, workload.keyCount() / seconds);
        if (target instanceof EngineTarget engine && physics) {
            long start = System.nanoTime();
            engine.entangle(workload);
            out.printf(Locale.ROOT, "%s physics on: %,d keys entangled with %d others each in %.2f s%n", target.name(),
                    workload.entangledKeys(), Workload.ENTANGLED_PER_KEY, (System.nanoTime() - start) / 1e9);
        }
        if (target instanceof EngineTarget engine) {
            // The load alone makes a snapshot due (as many writes as keys): take it now, so the measured phases
            // start between checkpoints, as a running engine is, instead of all beginning with the same one.
            long start = System.nanoTime();
            long sequence = engine.checkpoint();
            out.printf(Locale.ROOT, "%s checkpoint after the load: sequence %,d in %.2f s%n", target.name(), sequence,
                    (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return seconds;
    }

    static TargetReport.Memory memory(long runnerHeap) {
        long live = MachineInfo.liveHeapBytes();
        return new TargetReport.Memory(live, runnerHeap, Math.max(0, live - runnerHeap), MachineInfo.residentBytes());
    }

    static long writes(List<PhaseResult> phases) {
        long writes = 0;
        for (PhaseResult p : phases) {
            Map<Op, Histogram> all = p.histograms().get(PhaseResult.ALL);
            for (Op op : new Op[]{Op.PUT, Op.DELETE, Op.BATCH}) {
                if (all.containsKey(op)) {
                    writes += all.get(op).getTotalCount() * (op == Op.BATCH ? Workload.BATCH_WRITES : 1);
                }
            }
        }
        return writes;
    }

    /** The physics-on engine's figures over the physics-off engine's, per closed-loop phase. */
    private static Map<String, Double> physicsRatios(TargetReport first, TargetReport second) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (PhaseResult p : first.phases()) {
            PhaseResult o = second.phase(p.name());
            if (o != null && p.loop().equals("closed")) {
                ratios.put(p.name() + " ops/s, " + first.name() + " / " + second.name(),
                        p.opsPerSecond() / o.opsPerSecond());
            }
        }
        return ratios;
    }

    /** Engine over baseline (if any) for each phase both ran, and the engine's best PUT rate over the raw journal. */
    private static Map<String, Double> ratios(TargetReport engine, TargetReport baseline, RawJournalReference reference) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (PhaseResult p : engine.phases()) {
            PhaseResult b = baseline == null ? null : baseline.phase(p.name());
            if (b == null) {
                continue;
            }
            if (p.loop().equals("closed")) {
                ratios.put(p.name() + " ops/s, engine / baseline", p.opsPerSecond() / b.opsPerSecond());
            } else {
                p.latency().get(PhaseResult.ALL).forEach((op, s) -> {
                    LatencySummary bs = b.latency().get(PhaseResult.ALL).get(op);
                    ratios.put(p.name() + " " + op + " p99 latency, engine / baseline", s.p99Micros() / bs.p99Micros());
                });
            }
        }
        if (baseline != null && engine.sweep() != null && baseline.sweep() != null && baseline.sweep().highestRateHeld() > 0) {
            ratios.put("highest rate holding the p99 bound, engine / baseline",
                    engine.sweep().highestRateHeld() / baseline.sweep().highestRateHeld());
        }
        double bestPut = engine.phases().stream().filter(p -> p.loop().equals("closed"))
                .mapToDouble(p -> p.opsPerSecond(Op.PUT)).max().orElse(0);
        if (bestPut > 0) {
            ratios.put("engine PUT ops/s / raw journal appends/s", bestPut / reference.appendsPerSecond());
        }
        return ratios;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
