package io.warpengine.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            out.printf(Locale.ROOT, "%s recovery after %s with %,d acknowledged writes: reopened in %.3f s (snapshot at"
                            + " %,d, %,d entries replayed); PUT %,.0f ops/s before, %,.0f after = %.2f%n", t.name(),
                    r.stop(), r.acknowledgedWrites(), r.reopenSeconds(), r.snapshotSequence(), r.entriesReplayed(),
                    r.beforeOpsPerSecond(), r.afterOpsPerSecond(), r.afterOverBefore());
            out.printf(Locale.ROOT, "%s acknowledged writes lost: %,d of %,d (%,d keys checked)%s%n", t.name(),
                    r.lostWrites(), r.acknowledgedWrites(), r.keysChecked(), r.lostWrites() > 0 ? "  FAIL" : "");
            r.lostExamples().forEach(e -> out.println("  lost: " + e));
        }
        out.flush();
    }

    void summary(RunReport report, Path files, List<String> scenarioFiles) {
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
        List<String> names = new ArrayList<>(List.of(ResultsWriter.SUMMARY, ResultsWriter.CHART));
        names.addAll(scenarioFiles);
        out.printf(Locale.ROOT, "files: %s (%s, *.hgrm)%n", files, String.join(", ", names));
        out.flush();
    }

    /** A target's soak summary: the p99 range over the windows, the heap's slope, the journal's and RSS's growth. */
    void soak(SoakReport.TargetSoak t, double windowSeconds) {
        out.printf(Locale.ROOT, "%s soak: %d windows of %s s%n", t.name(), t.windows().size(), decimal(windowSeconds));
        SoakReport.Range p99 = t.p99Micros();
        if (p99 != null) {
            out.printf(Locale.ROOT, "  p99 per window: %s .. %s µs (lowest in window %d, highest in window %d)%n",
                    micros(p99.min()), micros(p99.max()), p99.minWindow(), p99.maxWindow());
        }
        SoakWindow.Resources start = t.atStart();
        SoakWindow.Resources end = t.atEnd();
        int fitted = SoakReport.Fit.windows(t.windows()).size();
        int after = Math.max(0, t.windows().size() - SoakReport.WARM_UP_WINDOWS);
        Double slope = t.heapAfterGcSlopeBytesPerMinute();
        long collections = end.collections() - start.collections();
        out.printf(Locale.ROOT, "  heap after GC: %s MB (latest collection before the phase) -> %s MB (latest at"
                        + " its end); %d collection%s in the phase%n", megabytes(start.heapAfterGcBytes()),
                megabytes(end.heapAfterGcBytes()), collections, collections == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  heap slope: %s%n", slope == null
                ? String.format(Locale.ROOT, "n/a (needs a collection in 2 windows after the first; %d of %d had one)",
                fitted, after)
                : String.format(Locale.ROOT, "%+,.2f MB/min (least squares over the %d of %d windows after the first in"
                + " which a collection ended)", slope / 1e6, fitted, after));
        out.printf(Locale.ROOT, "  journal: %s -> %s MB on disk, %s MB appended; RSS %s -> %s MB%n",
                megabytes(start.journalBytes()), megabytes(end.journalBytes()),
                megabytes(end.journalBytesWritten() - start.journalBytesWritten()), megabytes(start.residentBytes()),
                megabytes(end.residentBytes()));
        out.flush();
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.1f", bytes / 1e6);
    }

    private static String decimal(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : Double.toString(value);
    }

    static String micros(double micros) {
        return String.format(Locale.ROOT, micros < 10 ? "%.1f" : "%,.0f", micros);
    }
}
