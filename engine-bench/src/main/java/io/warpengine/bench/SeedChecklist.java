package io.warpengine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed design's performance targets, each checked against what this run measured on the engine. A target
 * the scenario does not measure is reported as such, never guessed.
 */
final class SeedChecklist {

    static final String PASS = "pass";
    static final String FAIL = "FAIL";
    static final String NOT_MEASURED = "not measured";

    /**
     * @param target   the seed's target
     * @param measured what was measured, with its unit, or why nothing was
     * @param verdict  pass, FAIL or not measured
     */
    record Item(String target, String measured, String verdict) {
    }

    private SeedChecklist() {
    }

    /**
     * @param engine      the engine measured (with physics on when both were)
     * @param physicsOff  the same engine with physics off in the same run, or null when not measured
     */
    static List<Item> evaluate(TargetReport engine, TargetReport physicsOff, RawJournalReference reference) {
        List<Item> items = new ArrayList<>();
        items.add(rate("PUT >= 250,000 ops/s", engine, Op.PUT, 250_000));
        items.add(rate("GET >= 500,000 ops/s", engine, Op.GET, 500_000));
        items.add(walLatency(engine, reference));
        items.add(recovery(engine.recovery()));
        long heap = engine.memory().targetHeapBytes();
        items.add(new Item("memory < 500 MB", String.format(Locale.ROOT, "%.0f MB live heap held by the engine"
                + " (RSS of the whole process %.0f MB)", heap / 1e6, engine.memory().residentBytes() / 1e6),
                verdict(heap < 500_000_000L)));
        items.add(physicsOverhead(engine, physicsOff));
        return items;
    }

    /**
     * The engine's PUT latency as its callers see it (journaled and applied), worst p99 over the phases that put:
     * the raw journal's own append time is shown beside it, but it is not the engine's figure.
     */
    private static Item walLatency(TargetReport engine, RawJournalReference reference) {
        String target = "WAL latency < 100 µs";
        PhaseResult worst = null;
        double worstP99 = -1;
        for (PhaseResult p : engine.phases()) {
            LatencySummary put = p.latency().getOrDefault(PhaseResult.ALL, Map.of()).get(Op.PUT);
            if (put != null && put.count() > 0 && put.p99Micros() > worstP99) {
                worst = p;
                worstP99 = put.p99Micros();
            }
        }
        String raw = String.format(Locale.ROOT, "raw journal append alone: p99 %.1f µs",
                reference.appendLatency().p99Micros());
        if (worst == null) {
            return new Item(target, "no PUT phase in this scenario (" + raw + ")", NOT_MEASURED);
        }
        return new Item(target, String.format(Locale.ROOT, "PUT p99 %,.1f µs as callers see it (phase %s; %s)",
                worstP99, worst.name(), raw), verdict(worstP99 < 100));
    }

    /** The largest loss of throughput, physics on against off, over the closed-loop GET and PUT phases both ran. */
    private static Item physicsOverhead(TargetReport on, TargetReport off) {
        String target = "physics overhead < 2%";
        if (off == null) {
            return new Item(target, "needs both engines in one run (--physics on,off)", NOT_MEASURED);
        }
        List<String> ratios = new ArrayList<>();
        double worst = Double.NaN;
        for (PhaseResult p : on.phases()) {
            PhaseResult o = off.phase(p.name());
            if (o != null && p.loop().equals("closed") && (p.name().equals("get") || p.name().equals("put"))) {
                double ratio = p.opsPerSecond() / o.opsPerSecond();
                ratios.add(String.format(Locale.ROOT, "%s %.3fx", p.name(), ratio));
                worst = Double.isNaN(worst) ? ratio : Math.min(worst, ratio);
            }
        }
        if (Double.isNaN(worst)) {
            return new Item(target, "no closed-loop get or put phase in this run", NOT_MEASURED);
        }
        double overhead = Math.max(0, 1 - worst);
        return new Item(target, String.format(Locale.ROOT, "%.1f%% (%s of physics off)", overhead * 100,
                String.join(", ", ratios)), verdict(overhead < 0.02));
    }

    /** The best closed-loop rate of one operation: open loops measure the offered rate, not the capacity. */
    private static Item rate(String target, TargetReport engine, Op op, double bar) {
        double best = engine.phases().stream().filter(p -> p.loop().equals("closed"))
                .mapToDouble(p -> p.opsPerSecond(op)).max().orElse(0);
        if (best == 0) {
            return new Item(target, "no closed-loop " + op + " phase in this scenario (run throughput)", NOT_MEASURED);
        }
        return new Item(target, String.format(Locale.ROOT, "%,.0f ops/s", best), verdict(best >= bar));
    }

    private static Item recovery(TargetReport.RecoveryResult r) {
        String target = "recovery of 1M operations < 30 s";
        if (r == null) {
            return new Item(target, "no recovery in this scenario (run recovery)", NOT_MEASURED);
        }
        String measured = String.format(Locale.ROOT, "%,d operations recovered in %.2f s", r.acknowledgedWrites(),
                r.reopenSeconds());
        if (r.acknowledgedWrites() < 1_000_000) { // fixed costs make a small run's time say nothing about 1M
            return new Item(target, measured + "; run with --operations 1000000 or more", NOT_MEASURED);
        }
        return new Item(target, measured, verdict(r.reopenSeconds() < 30));
    }

    private static String verdict(boolean ok) {
        return ok ? PASS : FAIL;
    }
}
