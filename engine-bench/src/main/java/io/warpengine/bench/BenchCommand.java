package io.warpengine.bench;

import io.warpengine.EngineConfig;
import io.warpengine.RecoveryReport;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code ./warp bench}: PUT then GET throughput and latency of an embedded engine in a fresh directory. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Loads N keys into a fresh engine, then measures synchronous PUT (overwrites) and GET of random",
                "keys from T threads: ops/s and latency percentiles (HdrHistogram).",
                "Example: ./warp bench --threads 16 --keys 1000000 --seconds 10 --set shards=2 --baseline"})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--threads", defaultValue = "16", description = "caller threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--keys", defaultValue = "1000000", description = "distinct keys (default ${DEFAULT-VALUE})")
    int keyCount;

    @Option(names = "--key-size", defaultValue = "16", description = "key length in bytes, at least 8 (default ${DEFAULT-VALUE})")
    int keySize;

    @Option(names = "--value-size", defaultValue = "100", description = "value length in bytes (default ${DEFAULT-VALUE})")
    int valueSize;

    @Option(names = "--seconds", defaultValue = "10", description = "duration of each measured phase (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--phases", split = ",", defaultValue = "put,get",
            description = "measured phases, in order, after the load: put, get (default ${DEFAULT-VALUE})")
    List<LoadRunner.Op> phases;

    @Option(names = "--config", defaultValue = "${env:WARP_CONFIG}",
            description = "engine configuration file (./warp passes config/warpengine.properties)")
    Path configFile;

    @Option(names = {"-s", "--set"}, description = "override a configuration setting, e.g. --set shards=2 (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--data-dir", description = "directory for the run's data (default: a fresh temporary directory, deleted after)")
    Path dataDir;

    @Option(names = "--reopen", description = {"after the phases, close the engine, collect its garbage (a fresh process",
            "has none) and time reopening it (recovery):",
            "from the on-close snapshot by default; with -s checkpoint.on.close=false -s checkpoint.every.operations=0",
            "-s checkpoint.every.seconds=0 by replaying the whole journal"})
    boolean reopen;

    @Option(names = "--baseline", description = "also run the same load against the naive design (synchronized HashMap + FileChannel)")
    boolean baseline;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        require(keySize >= 8, "--key-size must be at least 8, was " + keySize);
        require(threads >= 1, "--threads must be at least 1, was " + threads);
        require(keyCount >= 1, "--keys must be at least 1, was " + keyCount);
        require(valueSize >= 0, "--value-size must not be negative, was " + valueSize);
        require(seconds > 0, "--seconds must be positive, was " + seconds);
        String[] keys = keys();
        byte[][] values = values();
        List<Report> reports = new ArrayList<>();
        reports.add(runEngine(keys, values));
        if (baseline) {
            reports.add(runBaseline(keys, values));
        }
        if (reports.size() == 2) {
            printRatio(reports.get(0), reports.get(1));
        }
        return 0;
    }

    private Report runEngine(String[] keys, byte[][] values) throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("warp-bench-");
        EngineConfig.Builder builder = configFile != null ? EngineConfig.load(configFile) : EngineConfig.builder(dir);
        builder.dataDir(dir.resolve("engine"));
        overrides.forEach(builder::set);
        EngineConfig config = builder.build();
        out.printf(Locale.ROOT, "engine: %s%n", config.asProperties());
        try {
            Report report;
            try (Target target = new EngineTarget(config)) {
                report = measure(target, keys, values);
            }
            if (reopen) {
                // A recovering process starts with an empty heap: do not charge the replay with collecting the
                // closed engine's state, which this JVM still holds as garbage.
                System.gc();
                long start = System.nanoTime();
                try (EngineTarget again = new EngineTarget(config)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    RecoveryReport r = again.recovery();
                    out.printf(Locale.ROOT, "reopen  %.3f s: snapshot at sequence %,d (%s), %,d journal entries replayed, at sequence %,d%n",
                            seconds, r.snapshotSequence(), r.snapshotFile() == null ? "none" : "loaded",
                            r.entriesReplayed(), r.lastSequence());
                }
            }
            return report;
        } finally {
            if (dataDir == null) {
                deleteRecursively(dir);
            }
        }
    }

    private Report runBaseline(String[] keys, byte[][] values) throws Exception {
        Path dir = Files.createTempDirectory("warp-baseline-");
        try (Target target = new NaiveTarget(dir)) {
            return measure(target, keys, values);
        } finally {
            deleteRecursively(dir);
        }
    }

    private Report measure(Target target, String[] keys, byte[][] values) throws Exception {
        out.printf(Locale.ROOT, "%n== %s: %d threads, %,d keys of %d B, values of %d B ==%n",
                target.name(), threads, keyCount, keySize, valueSize);
        LoadRunner runner = new LoadRunner(target, keys, values, threads);
        double loadSeconds = runner.load();
        out.printf(Locale.ROOT, "load  %,d PUT (inserts, also the JIT warm-up) in %.2f s = %,.0f ops/s%n",
                keyCount, loadSeconds, keyCount / loadSeconds);
        Map<LoadRunner.Op, LoadRunner.PhaseResult> results = new LinkedHashMap<>();
        for (LoadRunner.Op op : phases) {
            LoadRunner.PhaseResult r = runner.run(op, seconds);
            print(r);
            results.put(op, r);
        }
        return new Report(target.name(), results);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private void print(LoadRunner.PhaseResult r) {
        Histogram h = r.latencyNanos();
        out.printf(Locale.ROOT, "%-4s  %,12.0f ops/s  (%,d ops in %.1f s)   latency µs: p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s%n",
                r.op(), r.opsPerSecond(), r.operations(), r.seconds(),
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
                micros(h.getValueAtPercentile(99.99)), micros(h.getMaxValue()));
    }

    private void printRatio(Report engine, Report base) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%nengine / baseline: "));
        engine.results().forEach((op, r) -> line.append(String.format(Locale.ROOT, "  %s %.2fx", op,
                r.opsPerSecond() / base.results().get(op).opsPerSecond())));
        out.println(line);
        out.flush();
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, nanos < 10_000 ? "%.1f" : "%,.0f", nanos / 1000.0);
    }

    /** Distinct ASCII keys of exactly {@code keySize} bytes: a prefix and a zero-padded index. */
    private String[] keys() {
        String[] keys = new String[keyCount];
        int digits = Math.max(String.valueOf(keyCount).length(), keySize - 4);
        String prefix = "key-".substring(0, Math.max(0, keySize - digits));
        for (int i = 0; i < keyCount; i++) {
            keys[i] = prefix + String.format(Locale.ROOT, "%0" + (keySize - prefix.length()) + "d", i);
        }
        return keys;
    }

    private byte[][] values() {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[][] values = new byte[64][valueSize];
        for (byte[] v : values) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (byte) ('a' + rnd.nextInt(26));
            }
        }
        return values;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Report(String target, Map<LoadRunner.Op, LoadRunner.PhaseResult> results) {
    }
}
