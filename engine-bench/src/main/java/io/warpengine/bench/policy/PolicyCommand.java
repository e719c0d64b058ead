package io.warpengine.bench.policy;

import io.warpengine.bench.MachineInfo;
import io.warpengine.bench.ResultsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./warp bench policy}: which values the event-horizon tiers should keep hot. Hit ratios of CLOCK, exact LRU
 * and Caffeine's W-TinyLFU on simulated reads, and a rough cost per read of each; no engine runs.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Simulates which values the memory tiers would keep hot; no engine runs.",
                "It replays --operations reads of each --distribution into CLOCK, exact LRU and Caffeine's "
                        + "W-TinyLFU holding each --capacity (a fraction of --keys); a miss loads its key, as a fetch "
                        + "from the deeper tier would. It prints the hit ratio after a warm-up of 2 x capacity reads, "
                        + "and each policy's CPU time per read (rough: one thread, median of --repeat replays), and "
                        + "writes a summary and a chart of hit ratio against capacity (policy.png) into --results. "
                        + "The same --seed gives the same figures, but for W-TinyLFU's last digits: it admits a warm "
                        + "key at random now and then.",
                "Example: ./warp bench policy --capacity 0.05,0.1 --distribution zipfian,scan"})
public final class PolicyCommand implements Callable<Integer> {

    static final String CHART = "policy.png";

    @Option(names = "--keys", defaultValue = "1000000", description = "Distinct keys (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--operations", defaultValue = "20000000", description = "Reads per workload (default ${DEFAULT-VALUE}).")
    int operations;

    @Option(names = "--capacity", defaultValue = "0.01,0.05,0.1,0.25,0.5", split = ",",
            description = "Cache sizes as fractions of --keys; 0.1 is the issue's 1 GiB of 1 KiB values over 10M keys "
                    + "(default ${DEFAULT-VALUE}).")
    List<Double> capacities;

    @Option(names = "--distribution", defaultValue = "uniform,zipfian,shifting,scan", split = ",",
            description = "Workloads: uniform; zipfian (YCSB's scrambled zipfian, as ./warp bench draws keys); shifting "
                    + "(zipfian whose hot set moves to other keys every keys/2 reads); scan (zipfian with a sequential "
                    + "scan of keys/10 keys after every keys/2 reads) (default ${DEFAULT-VALUE}).")
    List<KeyStream> streams;

    @Option(names = "--zipf-exponent", defaultValue = "0.99",
            description = "The zipfian's skew theta, in (0, 1) (default ${DEFAULT-VALUE}, YCSB's).")
    double zipfExponent;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the key streams (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--repeat", defaultValue = "1",
            description = "Replays per policy and capacity; the cost reported is their median (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--results", defaultValue = "bench-results",
            description = "Directory that receives a folder per run with the summary and the chart (default ${DEFAULT-VALUE}).")
    Path results;

    @Spec
    CommandSpec spec;

    /** What summary.json holds. */
    record Report(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                  Map<String, String> workloads, List<PolicySimulator.Cell> results) {
    }

    @Override
    public Integer call() {
        PolicySimulator.Settings settings = new PolicySimulator.Settings(keys, operations, capacities, streams,
                zipfExponent, seed, repeat);
        String startedAt = OffsetDateTime.now().toString();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%,d keys, %,d reads per workload, seed %d; hit ratio after a warm-up of 2 x capacity reads%n",
                keys, operations, seed);
        out.println("cpu ns/read is rough: the JVM's CPU time (the replay's thread and the collector) over a whole replay,");
        out.printf("warm-up and misses too, on one thread, median of %d %s; CLOCK's leaves out a key lookup (its slot%n",
                repeat, repeat == 1 ? "replay" : "replays");
        out.println("lives in the engine's index entry), LRU's and W-TinyLFU's include their own hash table's");
        out.println(header());
        List<PolicySimulator.Cell> cells = new PolicySimulator().run(settings, row -> {
            out.println(row(row));
            out.flush();
        });
        Map<String, String> workloads = new LinkedHashMap<>();
        settings.streams().forEach(s -> workloads.put(s.label(), s.description()));
        Path dir = ResultsWriter.writeSummary("policy",
                new Report("policy", startedAt, MachineInfo.current(), settings(settings), workloads, cells), results);
        PolicyChart.write(dir.resolve(CHART), "hit ratio", settings.streams(), cells);
        out.printf("files: %s (%s, %s)%n", dir, ResultsWriter.SUMMARY, CHART);
        return 0;
    }

    private static String header() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %8s %11s |", "workload", "capacity", "entries"));
        for (PolicyKind kind : PolicyKind.values()) {
            line.append(String.format(Locale.ROOT, " %9s", kind.label()));
        }
        line.append(" | cpu ns/read:");
        for (PolicyKind kind : PolicyKind.values()) {
            line.append(String.format(Locale.ROOT, " %9s", kind.label()));
        }
        return line.toString();
    }

    /** One capacity of one workload: the policies' hit ratios, then their costs, in the header's order. */
    private static String row(List<PolicySimulator.Cell> cells) {
        PolicySimulator.Cell first = cells.get(0);
        String percent = BigDecimal.valueOf(100 * first.capacityFraction()).round(new MathContext(4))
                .stripTrailingZeros().toPlainString();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s %8s %,11d |", first.workload(),
                percent + "%", first.capacity()));
        for (PolicySimulator.Cell cell : cells) {
            line.append(String.format(Locale.ROOT, " %9.4f", cell.hitRatio()));
        }
        line.append(" |             ");
        for (PolicySimulator.Cell cell : cells) {
            line.append(String.format(Locale.ROOT, " %9.1f", cell.cpuNsPerAccess()));
        }
        return line.toString();
    }

    private static Map<String, Object> settings(PolicySimulator.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", s.keyCount());
        m.put("operations", s.operations());
        m.put("capacities", s.capacities());
        m.put("zipfExponent", s.zipfExponent());
        m.put("seed", s.seed());
        m.put("repeat", s.repeat());
        m.put("warmUp", "2 x capacity reads, not counted");
        return m;
    }
}
