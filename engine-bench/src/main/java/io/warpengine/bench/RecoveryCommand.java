package io.warpengine.bench;

import io.warpengine.RecoveryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./warp bench recovery}: whether a stopped target kept every write it acknowledged, how long it takes to come
 * back, and how fast it runs after.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Writes N operations, stops the target, reopens it and checks that every acknowledged write survived.",
                "The target stops by a clean close, or by SIGKILL of a child process with --stop sigkill; the child "
                        + "keeps writing past N and is killed while writes are in flight, and the writes it had "
                        + "reported are the acknowledged ones.",
                "Each writer thread puts its own keys in a sequence replayed from its seed, each value naming its "
                        + "write, and every key's last acknowledged write is read back after the reopen. "
                        + "'acknowledged writes lost' must be 0, else the run fails (exit " + RecoveryCommand.LOST_WRITES
                        + ").",
                "The report also gives the recovery time, and the PUT throughput after recovery as a fraction of "
                        + "the one before (the rate of the second half of the N writes).",
                "The seed's test writes 5,000,000 operations: --operations 5000000.",
                "Example: ./warp bench recovery --operations 2000000 --stop sigkill --replay-only"})
final class RecoveryCommand extends ScenarioCommand {

    /** Exit code of a run in which a target lost an acknowledged write. */
    static final int LOST_WRITES = 1;

    enum Stop { CLOSE, SIGKILL }

    @Option(names = "--operations", defaultValue = "1000000",
            description = "PUTs written before the stop (default ${DEFAULT-VALUE}); with --stop sigkill a few more are"
                    + " acknowledged, as the kill lands while writes are in flight.")
    long operations;

    @Option(names = "--stop", defaultValue = "close", description = "How the target stops: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Stop stop;

    @Option(names = "--seconds", defaultValue = "5",
            description = "Duration in seconds of the PUT phase after recovery (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--replay-only", description = "No snapshots (periodic or on close): recovery replays the whole journal.")
    boolean replayOnly;

    @Override
    String scenario() {
        return "recovery";
    }

    @Override
    int defaultThreads() {
        return 16;
    }

    @Override
    void validate() {
        require(operations >= 1, "--operations must be at least 1, was " + operations);
        require(seconds > 0, "--seconds must be positive, was " + seconds);
        require(options.inFlight == 1, "--in-flight does not apply to recovery: a write counts as acknowledged when its"
                + " synchronous put returns");
        require(options.valueSize >= WriteSequence.HEADER_BYTES, "--value-size must be at least "
                + WriteSequence.HEADER_BYTES + " for recovery (each value names the write that stored it), was "
                + options.valueSize);
        int threadsUsed = options.threads(defaultThreads());
        int keys = options.keyCount != null ? options.keyCount : defaultKeys();
        require(keys >= threadsUsed, "--keys must be at least --threads for recovery (each writer thread owns its own"
                + " keys), was " + keys + " for " + threadsUsed + " threads");
        if (replayOnly) {
            options.overrides.put("checkpoint.every.operations", "0");
            options.overrides.put("checkpoint.every.seconds", "0");
            options.overrides.put("checkpoint.on.close", "false");
        }
    }

    @Override
    Map<String, Object> scenarioSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operations", operations);
        m.put("stop", stop.name().toLowerCase(Locale.ROOT));
        m.put("seconds", seconds);
        m.put("replayOnly", replayOnly);
        return m;
    }

    /**
     * Keys made per use, here and in the child: 10M kept key Strings (600 MB) would crowd the heaps the writer and
     * the reopened engine are measured in (the child ran out of a 2 GiB heap at 3.8M writes of 10M).
     */
    @Override
    Workload prepared(Workload made) {
        return made.withKeysMadePerUse();
    }

    @Override
    TargetReport measure(TargetSpec spec) throws Exception {
        out.printf(Locale.ROOT, "%n== %s ==%n", spec.name());
        WriteSequence sequence = new WriteSequence(workload, threads);
        List<PhaseResult> phases = new ArrayList<>();
        TargetReport.Memory memory = null;
        long[] acknowledged;
        double before;
        long logBytes = 0;
        if (stop == Stop.CLOSE) {
            long runnerHeap = MachineInfo.liveHeapBytes();
            try (Target target = spec.open()) {
                SequencedWriters writers = new SequencedWriters(target, workload, sequence, options.progress);
                for (PhaseResult p : writers.write(operations)) {
                    console.phase(target.name(), p);
                    phases.add(p);
                }
                memory = memory(runnerHeap);
                logBytes = target.logBytesWritten();
                acknowledged = writers.acknowledged();
                before = phases.get(phases.size() - 1).opsPerSecond();
            }
        } else {
            RecoveryChild.Outcome child = RecoveryChild.runAndKill(spec, operations, threads, options, workload.keyCount());
            acknowledged = child.acknowledged();
            before = child.beforeOpsPerSecond();
            out.printf(Locale.ROOT, "%s: the child wrote %,d operations (PUT %,.0f ops/s over the last %,d), then was"
                            + " SIGKILLed while writing, %,d writes acknowledged%n", spec.name(), operations, before,
                    child.beforeOperations(), Arrays.stream(acknowledged).sum());
        }
        System.gc(); // a recovering process starts with an empty heap: do not charge it with the old target's garbage
        long start = System.nanoTime();
        try (Target target = spec.open()) {
            double reopenSeconds = (System.nanoTime() - start) / 1e9;
            long snapshotSequence = 0;
            long replayed;
            if (target instanceof EngineTarget engine) {
                RecoveryReport r = engine.recovery();
                snapshotSequence = r.snapshotSequence();
                replayed = r.entriesReplayed();
            } else {
                replayed = ((NaiveTarget) target).recordsReplayed();
            }
            LostWriteCheck.Result check = LostWriteCheck.check(sequence, acknowledged, target::get);
            PhaseResult after = new ClosedLoop(target, workload, threads, options.progress)
                    .run("after recovery", List.of(new ClosedLoop.Group(SequencedWriters.PUTS, threads)), seconds, 0);
            console.phase(target.name(), after);
            phases.add(after);
            if (memory == null) {
                memory = memory(0);
            }
            long written = check.acknowledgedWrites();
            TargetReport report = new TargetReport(target.name(), 0, phases, memory,
                    logBytes > 0 ? (double) logBytes / written : (double) target.logBytesWritten() / after.operations(),
                    new TargetReport.RecoveryResult(stop.name().toLowerCase(Locale.ROOT), written, check.lost(),
                            check.keysChecked(), check.examples(), reopenSeconds, snapshotSequence, replayed, before,
                            after.opsPerSecond()), null);
            console.target(report);
            return report;
        }
    }

    /** Fails the run, after its results are written, when a target lost an acknowledged write. */
    @Override
    int exitCode(List<TargetReport> targets) {
        int code = 0;
        for (TargetReport t : targets) {
            if (t.recovery().lostWrites() > 0) {
                out.printf(Locale.ROOT, "FAIL: %s acknowledged writes lost: %,d of %,d%n", t.name(),
                        t.recovery().lostWrites(), t.recovery().acknowledgedWrites());
                code = LOST_WRITES;
            }
        }
        out.flush();
        return code;
    }
}
