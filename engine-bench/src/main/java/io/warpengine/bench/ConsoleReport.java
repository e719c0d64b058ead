package io.warpengine.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The console summary of a run. */
final class ConsoleReport {

    private final PrintWriter out;

    ConsoleReport(PrintWriter out) {
        this.out = out;
    }

    void phase(String target, PhaseResult p) {
        String offered = p.loop().equals("open") ? String.format(Locale.ROOT, ", offered %,.0f ops/s", p.offeredPerSecond()) : "";
        out.printf(Locale.ROOT, "%s %s: %,.0f ops/s (%,d ops in %.1f s%s; best second %,d)%n", target, p.name(),
                p.opsPerSecond(), p.operations(), p.seconds(), offered, p.bestSecondOpsPerSecond());
        p.latency().forEach((window, byOp) -> byOp.forEach((op, s) -> out.printf(Locale.ROOT,
                "  %-6s %-6s %,12.0f ops/s   µs: p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s%n",
                op, window, s.opsPerSecond(), micros(s.p50Micros()), micros(s.p90Micros()), micros(s.p99Micros()),
                micros(s.p999Micros()), micros(s.p9999Micros()), micros(s.maxMicros()))));
        for (CheckpointWindows.Seen c : p.checkpoints()) {
            if (!c.finished()) {
                out.printf(Locale.ROOT, "  checkpoint %d: still being written when the phase ended; longest call while it"
                        + " ran %s µs%n", c.number(), micros(c.longestCallMicros()));
                continue;
            }
            out.printf(Locale.ROOT, "  checkpoint %d: %,d keys at sequence %,d (fuzzy to %,d), snapshot written in %,.0f ms;"
                            + " longest call while it ran %s µs%n", c.number(), c.keys(), c.sequence(), c.endSequence(),
                    c.snapshotMillis(), micros(c.longestCallMicros()));
        }
        out.flush();
    }

    void target(TargetReport t) {
        TargetReport.Memory m = t.memory();
        out.printf(Locale.ROOT, "%s memory: %,.0f MB live heap held by the target (%,.0f MB in all after GC), RSS %,.0f MB;"
                        + " log %.1f bytes per write%n", t.name(), m.targetHeapBytes() / 1e6, m.liveHeapBytes() / 1e6,
                m.residentBytes() / 1e6, t.logBytesPerWrite());
        TargetReport.RecoveryResult r = t.recovery();
        if (r != null) {
            out.printf(Locale.ROOT, "%s recovery after %s of %,d operations: reopened in %.3f s (snapshot at %,d, %,d entries"
                            + " replayed); PUT %,.0f ops/s before, %,.0f after = %.2f%n", t.name(), r.stop(),
                    r.operationsWritten(), r.reopenSeconds(), r.snapshotSequence(), r.entriesReplayed(),
                    r.beforeOpsPerSecond(), r.afterOpsPerSecond(), r.afterOverBefore());
        }
        out.flush();
    }

    void summary(RunReport report, Path files) {
        RawJournalReference ref = report.reference();
        out.printf(Locale.ROOT, "%nreference: raw journal append %,.0f entries/s (%.0f bytes each), single append p50 %s"
                        + " p99 %s p99.9 %s µs%n", ref.appendsPerSecond(), ref.bytesPerAppend(),
                micros(ref.appendLatency().p50Micros()), micros(ref.appendLatency().p99Micros()),
                micros(ref.appendLatency().p999Micros()));
        if (!report.ratios().isEmpty()) {
            out.println("ratios:");
            for (Map.Entry<String, Double> e : report.ratios().entrySet()) {
                out.printf(Locale.ROOT, "  %-44s %.2f%n", e.getKey(), e.getValue());
            }
        }
        out.println("seed targets (engine):");
        for (SeedChecklist.Item item : report.checklist()) {
            out.printf(Locale.ROOT, "  [%-12s] %-34s %s%n", item.verdict(), item.target(), item.measured());
        }
        out.printf(Locale.ROOT, "files: %s (%s, %s, *.hgrm)%n", files, ResultsWriter.SUMMARY, ResultsWriter.CHART);
        out.flush();
    }

    static String micros(double micros) {
        return String.format(Locale.ROOT, micros < 10 ? "%.1f" : "%,.0f", micros);
    }
}
