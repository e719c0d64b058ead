package io.warpengine.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Two engines, A and B, measured as a paired comparison. Measuring one engine after the other puts the machine's
 * drift (the JIT, the other tenants of its cores, the page cache) into the ratio: on this machine the same phase
 * varies by up to 1.6x between runs, and whichever engine ran second was faster. Here both engines are open at
 * once, and every workload runs in rounds that alternate between them, the order swapped each round. Whichever
 * engine runs first in a round tends to be faster (measured: in 6 of 8 rounds), so each pair of rounds, one with
 * each order, gives one figure, the geometric mean of its two ratios (an AB/BA crossover: the order effect
 * cancels); the median over the pairs is the result. Each phase starts only when neither engine is writing a
 * checkpoint: one that an engine started near the end of its phase would otherwise run on into the other engine's
 * phase and be charged to it. Each engine's own checkpoints during its phases are its cost, and are reported per
 * round. Used by {@code ./warp bench physics} (physics on and off) and {@code ./warp bench pair} (any settings).
 */
final class PairedRounds {

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** The longest wait for the other engine's checkpoint before a phase starts. */
    private static final long QUIET_TIMEOUT_MILLIS = 300_000;

    /**
     * One round of one workload: both engines' rates and the process's CPU time per operation in their phases, which
     * ran first, and the checkpoints each wrote meanwhile.
     */
    record Round(int number, boolean aFirst, double aOpsPerSecond, double bOpsPerSecond, double aCpuNanosPerOp,
                 double bCpuNanosPerOp, List<CheckpointWindows.Seen> aCheckpoints,
                 List<CheckpointWindows.Seen> bCheckpoints) {
        @JsonProperty
        public double ratio() {
            return aOpsPerSecond / bOpsPerSecond;
        }

        /** CPU time per operation, A over B: the work A adds, wherever it runs, less moved by other tenants. */
        @JsonProperty
        public double cpuRatio() {
            return aCpuNanosPerOp / bCpuNanosPerOp;
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

        /** As {@link #pairRatios()}, of the CPU time per operation (above 1: A costs more work). */
        @JsonProperty
        public List<Double> pairCpuRatios() {
            return pairs(Round::cpuRatio);
        }

        @JsonProperty
        public double medianPairCpuRatio() {
            return median(pairCpuRatios().stream().mapToDouble(Double::doubleValue).toArray());
        }

        private List<Double> pairs(ToDoubleFunction<Round> ratio) {
            List<Double> pairs = new ArrayList<>();
            for (int i = 0; i + 1 < rounds.size(); i += 2) {
                pairs.add(Math.sqrt(ratio.applyAsDouble(rounds.get(i)) * ratio.applyAsDouble(rounds.get(i + 1))));
            }
            return pairs;
        }

        @JsonProperty
        public double medianAOpsPerSecond() {
            return median(rounds.stream().mapToDouble(Round::aOpsPerSecond).toArray());
        }

        @JsonProperty
        public double medianBOpsPerSecond() {
            return median(rounds.stream().mapToDouble(Round::bOpsPerSecond).toArray());
        }
    }

    private final PrintWriter out;
    private final String a;
    private final String b;
    private final double seconds;
    private final int rounds;

    /** @param a and {@code b}: the engines' short labels in the output, e.g. "on" and "off" */
    PairedRounds(PrintWriter out, String a, String b, double seconds, int rounds) {
        ScenarioCommand.require(seconds > 0, "--seconds must be positive, was " + seconds);
        ScenarioCommand.require(rounds >= 2 && rounds % 2 == 0, "--rounds must be an even number of at least 2 (each"
                + " pair of rounds runs both orders), was " + rounds);
        this.out = out;
        this.a = a;
        this.b = b;
        this.seconds = seconds;
        this.rounds = rounds;
    }

    /** Runs every workload's rounds on the loaded engines {@code aLoop} and {@code bLoop} drive; prints each round. */
    List<WorkloadResult> run(List<OpMix> mixes, ClosedLoop aLoop, ClosedLoop bLoop, Target aTarget, Target bTarget)
            throws InterruptedException {
        List<WorkloadResult> results = new ArrayList<>();
        for (OpMix mix : mixes) {
            List<Round> done = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                boolean aFirst = r % 2 == 1;
                Measured first = phase(aFirst ? aLoop : bLoop, mix, aTarget, bTarget);
                Measured second = phase(aFirst ? bLoop : aLoop, mix, aTarget, bTarget);
                Measured aPhase = aFirst ? first : second;
                Measured bPhase = aFirst ? second : first;
                Round round = new Round(r, aFirst, aPhase.result().opsPerSecond(), bPhase.result().opsPerSecond(),
                        aPhase.cpuNanosPerOp(), bPhase.cpuNanosPerOp(), aPhase.result().checkpoints(),
                        bPhase.result().checkpoints());
                out.printf(Locale.ROOT, "%-10s round %d (%s first): %s %,10.0f ops/s, %s %,10.0f ops/s, %s/%s %.3f,"
                                + " CPU/op %s/%s %.3f  checkpoints %s %s, %s %s%n", mix.name(), r, aFirst ? a : b, a,
                        round.aOpsPerSecond(), b, round.bOpsPerSecond(), a, b, round.ratio(), a, b, round.cpuRatio(),
                        a, describe(round.aCheckpoints()), b, describe(round.bCheckpoints()));
                out.flush();
                done.add(round);
            }
            results.add(new WorkloadResult(mix.name(), done));
        }
        return results;
    }

    /** The summary table: per workload the median rates, and the median pair ratios of throughput and CPU/op. */
    void printSummary(List<WorkloadResult> results) {
        out.printf(Locale.ROOT, "%n%-10s %14s %14s %16s %18s  %s%n", "workload", a + " ops/s", b + " ops/s",
                "median " + a + "/" + b, "median CPU/op " + a + "/" + b,
                "pairs of rounds " + a + "/" + b + " (throughput; CPU/op)");
        for (WorkloadResult w : results) {
            out.printf(Locale.ROOT, "%-10s %,14.0f %,14.0f %16.3f %20.3f  %s; %s%n", w.workload(),
                    w.medianAOpsPerSecond(), w.medianBOpsPerSecond(), w.medianPairRatio(), w.medianPairCpuRatio(),
                    format(w.pairRatios()), format(w.pairCpuRatios()));
        }
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
