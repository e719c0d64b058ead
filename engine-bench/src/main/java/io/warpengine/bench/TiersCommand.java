package io.warpengine.bench;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.store.ValueTier;
import io.warpengine.tier.TierStats;
import org.HdrHistogram.Histogram;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./warp bench tiers}: an engine whose data outgrows its memory bound. Loads the keys, reports the tiers,
 * the live heap after a GC and the process's resident memory, then runs GET on zipfian and on uniform keys
 * (throughput with plain {@code get}; then per-tier latency, each read attributed to the tier that served it by
 * {@code getWithMetadata}), and last closes and reopens the engine to time recovery after a clean close.
 */
@Command(name = "tiers", mixinStandardHelpOptions = true,
        description = {"GET throughput and per-tier latency of an engine holding more than its memory bound.",
                "Loads --keys keys, then runs GET for --seconds on zipfian keys and on uniform keys, each followed by "
                        + "--latency-seconds of reads timed per tier. Reports the tiers' keys, bytes, hits, "
                        + "promotions and demotions, the live heap after GC and the resident memory, and the time "
                        + "to reopen after a clean close.",
                "Example: ./warp bench tiers --keys 2000000 --value-size 1024 --memory 256m."})
final class TiersCommand implements Callable<Integer> {

    @Mixin
    ScenarioOptions options;

    @Option(names = "--memory", defaultValue = "1g",
            description = "The bound on the memory values use (the setting memory.max.bytes; default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--text-values", description = "JSON-like values, which LZ4 compresses (the photon sphere keeps "
            + "them), instead of random letters.")
    boolean textValues;

    @Option(names = "--seconds", defaultValue = "10", description = "Duration of each GET phase in seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "0", description = "GET of the same distribution before each GET "
            + "phase, not counted: the tiers learn which values are hot (after the load they hold the last written) "
            + "(default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--latency-seconds", defaultValue = "5",
            description = "Duration of each per-tier latency phase in seconds (default ${DEFAULT-VALUE}).")
    double latencySeconds;

    @Spec
    CommandSpec spec;

    /** Per-tier latency of one distribution: reads and percentiles (µs) per tier. */
    record TierLatency(String tier, long reads, double p50Micros, double p99Micros, double p999Micros) {
    }

    /** One distribution's GET phase and its per-tier reads. */
    record GetResult(String distribution, double opsPerSecond, double p99Micros, Map<String, Long> hitsPerTier,
                     List<TierLatency> latency) {
    }

    /** What summary.json holds. */
    record Report(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                  double loadOpsPerSecond, TierStats tiersAfterLoad, long liveHeapBytes, long residentBytes,
                  long proportionalBytes,
                  List<GetResult> gets, double closeSeconds, double reopenSeconds, TierStats tiersAfterReopen) {
    }

    @Override
    public Integer call() throws Exception {
        return Cancellation.guard(this::run, spec.commandLine().getErr());
    }

    private Integer run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioCommand.require(seconds > 0 && latencySeconds > 0, "--seconds and --latency-seconds must be positive");
        ScenarioCommand.require(warmupSeconds >= 0, "--warmup-seconds must not be negative");
        int threads = options.threads(16);
        Workload loaded = new Workload(options.keyCount != null ? options.keyCount : 1_000_000, options.keySize,
                options.valueSize, Workload.Distribution.UNIFORM, textValues).withKeysMadePerUse();
        Path base = options.dataDir != null ? options.dataDir : Files.createTempDirectory("warp-bench-tiers-");
        String startedAt = OffsetDateTime.now().toString();
        EngineConfig config = options.engineConfig(base.resolve("engine"));
        if (config.memoryMaxBytes() == 0) { // --memory, unless a --set or the --config file gave a bound
            EngineConfig.Builder b = EngineConfig.builder(config.dataDir());
            config.asProperties().forEach(b::set);
            config = b.set("memory.max.bytes", memory).build();
        }
        out.printf(Locale.ROOT, "tiers: %d threads, %,d keys of %d B, %s values of %d B (%,.0f MiB), bound %s%n"
                        + "engine: %s%n", threads, loaded.keyCount(), options.keySize, textValues ? "text" : "random",
                options.valueSize, (double) loaded.keyCount() * options.valueSize / (1 << 20), memory,
                config.asProperties());
        try {
            Measured m = measure(out, config, loaded, threads);
            long start = System.nanoTime();
            TierStats afterReopen;
            double reopenSeconds;
            try (WarpEngine reopened = WarpEngine.open(config)) {
                reopenSeconds = (System.nanoTime() - start) / 1e9;
                afterReopen = tiers(reopened);
            }
            out.printf(Locale.ROOT, "%nclose (with its checkpoint) %.2f s; reopen after the clean close %.2f s%n",
                    m.closeSeconds(), reopenSeconds);
            print(out, "after the reopen", afterReopen);
            Map<String, Object> settings = new LinkedHashMap<>(options.describe(threads, loaded.keyCount()));
            settings.put("memory", memory);
            settings.put("textValues", textValues);
            settings.put("seconds", seconds);
            settings.put("warmupSeconds", warmupSeconds);
            settings.put("latencySeconds", latencySeconds);
            settings.put("engine", config.asProperties());
            Path dir = ResultsWriter.writeSummary("tiers", new Report("tiers", startedAt, MachineInfo.current(),
                    settings, m.loadRate(), m.afterLoad(), m.liveHeap(), m.resident(), m.proportional(), m.gets(),
                    m.closeSeconds(), reopenSeconds, afterReopen),
                    options.results);
            out.printf(Locale.ROOT, "%nresults: %s%n", dir.resolve(ResultsWriter.SUMMARY));
        } finally {
            if (options.dataDir == null) {
                ScenarioCommand.deleteRecursively(base);
            }
        }
        return 0;
    }

    /** What the engine did from its load to its close. */
    private record Measured(double loadRate, TierStats afterLoad, long liveHeap, long resident, long proportional,
                            List<GetResult> gets, double closeSeconds) {
    }

    /**
     * Loads, measures and closes the engine, in a method of its own: once it returns, nothing refers to the closed
     * engine, whose heap the reopen then has (a local of the caller's frame would keep it reachable).
     */
    private Measured measure(PrintWriter out, EngineConfig config, Workload loaded, int threads)
            throws InterruptedException {
        List<GetResult> gets = new ArrayList<>();
        EngineTarget target = new EngineTarget(EngineTarget.NAME, config);
        double loadRate;
        TierStats afterLoad;
        long liveHeap;
        long resident;
        long proportional;
        double closeSeconds;
        try {
            loadRate = loaded.keyCount() / ScenarioCommand.load(out, target, loaded, threads, false, options.progress);
            afterLoad = tiers(target.engine());
            liveHeap = MachineInfo.liveHeapBytes();
            resident = MachineInfo.residentBytes();
            proportional = MachineInfo.proportionalBytes();
            out.printf(Locale.ROOT, "after the load: live heap after GC %,.0f MiB; process memory: resident %,.0f"
                            + " MiB, proportional %,.0f MiB (ZGC's heap counted once)%n", liveHeap / 1048576.0,
                    resident / 1048576.0, proportional / 1048576.0);
            print(out, "after the load", afterLoad);
            for (Workload.Distribution d : List.of(Workload.Distribution.ZIPFIAN, Workload.Distribution.UNIFORM)) {
                gets.add(getPhase(out, target, loaded.withDistribution(d), threads));
            }
        } finally {
            long start = System.nanoTime();
            target.close();
            closeSeconds = (System.nanoTime() - start) / 1e9;
        }
        return new Measured(loadRate, afterLoad, liveHeap, resident, proportional, gets, closeSeconds);
    }

    private GetResult getPhase(PrintWriter out, EngineTarget target, Workload workload, int threads)
            throws InterruptedException {
        String name = workload.distribution().name().toLowerCase(Locale.ROOT);
        if (warmupSeconds > 0) {
            new ClosedLoop(target, workload, threads, options.progress).run(OpMix.parse("get"), warmupSeconds, 0);
            out.printf(Locale.ROOT, "%nGET %s warm-up: %.0f s, not counted%n", name, warmupSeconds);
        }
        TierStats before = tiers(target.engine());
        PhaseResult phase = new ClosedLoop(target, workload, threads, options.progress).run(OpMix.parse("get"),
                seconds, 0);
        TierStats after = tiers(target.engine());
        Map<String, Long> hits = new LinkedHashMap<>();
        hits.put("event horizon", after.horizon().hits() - before.horizon().hits());
        hits.put("photon sphere", after.photon().hits() - before.photon().hits());
        hits.put("deep cache", after.deep().hits() - before.deep().hits());
        double p99 = phase.histograms().get(PhaseResult.ALL).get(Op.GET).getValueAtPercentile(99) / 1000.0;
        out.printf(Locale.ROOT, "%nGET %s: %,.0f ops/s, p99 %.1f µs; served by tier: %s%n", name,
                phase.opsPerSecond(), p99, hits);
        List<TierLatency> latency = perTierLatency(target.engine(), workload, threads);
        for (TierLatency t : latency) {
            out.printf(Locale.ROOT, "  %-14s %,10d reads  p50 %8.1f µs  p99 %8.1f µs  p99.9 %8.1f µs%n", t.tier(),
                    t.reads(), t.p50Micros(), t.p99Micros(), t.p999Micros());
        }
        out.flush();
        return new GetResult(name, phase.opsPerSecond(), p99, hits, latency);
    }

    /** Reads with getWithMetadata from every thread, each timed into the histogram of the tier that served it. */
    private List<TierLatency> perTierLatency(WarpEngine engine, Workload workload, int threads)
            throws InterruptedException {
        long end = System.nanoTime() + (long) (latencySeconds * 1e9);
        List<Map<ValueTier, Histogram>> perThread = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Map<ValueTier, Histogram> mine = new EnumMap<>(ValueTier.class);
            for (ValueTier tier : ValueTier.values()) {
                mine.put(tier, new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
            }
            perThread.add(mine);
            SplittableRandom rnd = new SplittableRandom(t);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end && !Cancellation.requested()) {
                    String key = workload.nextKey(rnd);
                    long start = System.nanoTime();
                    ValueTier tier = engine.getWithMetadata(key).orElseThrow().tier();
                    mine.get(tier).recordValue(Math.min(System.nanoTime() - start, TimeUnit.SECONDS.toNanos(10)));
                }
            }, "tier-latency-" + t);
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        List<TierLatency> result = new ArrayList<>();
        for (ValueTier tier : ValueTier.values()) {
            Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            perThread.forEach(h -> all.add(h.get(tier)));
            result.add(new TierLatency(tier.name().toLowerCase(Locale.ROOT).replace('_', ' '), all.getTotalCount(),
                    all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0,
                    all.getValueAtPercentile(99.9) / 1000.0));
        }
        return result;
    }

    private static TierStats tiers(WarpEngine engine) {
        return engine.stats().tiers().orElseThrow(() -> new IllegalArgumentException(
                "the engine has no tiers: memory.max.bytes is 0"));
    }

    private static void print(PrintWriter out, String when, TierStats s) {
        out.printf(Locale.ROOT, "tiers %s (bound %,.0f MiB, memory %,.0f MiB, deep files %,.0f MiB, stalls %,d):%n",
                when, s.maxBytes() / 1048576.0, s.memoryBytes() / 1048576.0, s.deepFileBytes() / 1048576.0,
                s.stalls());
        String row = "  %-14s %,12d keys %,10.0f MiB %,12d hits %,10d promotions %,10d demotions%n";
        for (Map.Entry<String, TierStats.Tier> t : List.of(Map.entry("event horizon", s.horizon()),
                Map.entry("photon sphere", s.photon()), Map.entry("deep cache", s.deep()))) {
            out.printf(Locale.ROOT, row, t.getKey(), t.getValue().keys(), t.getValue().bytes() / 1048576.0,
                    t.getValue().hits(), t.getValue().promotions(), t.getValue().demotions());
        }
    }
}
