package io.warpengine.bench;

import io.warpengine.RecoveryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./warp bench recovery}: how long a stopped engine takes to come back, and how fast it runs after. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = {"Writes N operations, stops the target, reopens it and reports the recovery time.",
                "The target stops by a clean close, or by SIGKILL of a child process with --stop sigkill. PUT "
                        + "throughput is measured before the stop and after the reopen; the report gives the one after "
                        + "as a fraction of the one before.",
                "The seed's test writes 5,000,000 operations: --operations 5000000.",
                "Example: ./warp bench recovery --operations 2000000 --stop sigkill --replay-only"})
final class RecoveryCommand extends ScenarioCommand {

    enum Stop { CLOSE, SIGKILL }

    @Option(names = "--operations", defaultValue = "1000000", description = "PUTs written before the stop (default ${DEFAULT-VALUE}).")
    long operations;

    @Option(names = "--stop", defaultValue = "close", description = "How the target stops: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Stop stop;

    @Option(names = "--seconds", defaultValue = "5", description = "Duration in seconds of the PUT phases before and after (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--replay-only", description = "No snapshots (periodic or on close): recovery replays the whole journal.")
    boolean replayOnly;

    private static final OpMix PUTS = OpMix.parse("put");

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

    @Override
    TargetReport measure(TargetSpec spec) throws Exception {
        out.printf(Locale.ROOT, "%n== %s ==%n", spec.name());
        List<PhaseResult> phases = new ArrayList<>();
        TargetReport.Memory memory = null;
        double before;
        long written;
        long logBytes = 0;
        if (stop == Stop.CLOSE) {
            long runnerHeap = MachineInfo.liveHeapBytes();
            try (Target target = spec.open()) {
                ClosedLoop loop = new ClosedLoop(target, workload, threads, options.progress);
                PhaseResult write = loop.run(PUTS, 0, operations);
                console.phase(target.name() + " write", write);
                PhaseResult beforePhase = loop.run(PUTS, seconds, 0);
                console.phase(target.name() + " before stop", beforePhase);
                phases.add(write);
                phases.add(beforePhase);
                memory = memory(runnerHeap);
                logBytes = target.logBytesWritten();
                written = write.operations() + beforePhase.operations();
                before = beforePhase.opsPerSecond();
            }
        } else {
            long[] child = runAndKillChild(spec);
            written = child[0];
            before = Double.longBitsToDouble(child[1]);
            out.printf(Locale.ROOT, "%s: child wrote %,d operations (PUT %,.0f ops/s before the kill), SIGKILLed%n",
                    spec.name(), written, before);
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
            PhaseResult after = new ClosedLoop(target, workload, threads, options.progress).run(PUTS, seconds, 0);
            console.phase(target.name() + " after recovery", after);
            phases.add(after);
            if (memory == null) {
                memory = memory(0);
            }
            TargetReport report = new TargetReport(target.name(), 0, phases, memory,
                    logBytes > 0 ? (double) logBytes / written : (double) target.logBytesWritten() / after.operations(),
                    new TargetReport.RecoveryResult(written, stop.name().toLowerCase(Locale.ROOT), reopenSeconds,
                            snapshotSequence, replayed, before, after.opsPerSecond()), null);
            console.target(report);
            return report;
        }
    }

    /** Runs the write and before phases in a child JVM, then SIGKILLs it; returns {written, before-rate bits}. */
    private long[] runAndKillChild(TargetSpec spec) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RecoveryChild.class.getName());
        command.addAll(List.of(spec.name(), spec.dir().toString(), String.valueOf(operations), String.valueOf(seconds),
                String.valueOf(threads), String.valueOf(workload.keyCount()), String.valueOf(options.keySize),
                String.valueOf(options.valueSize), options.distribution.name()));
        if (spec.config() != null) {
            spec.config().asProperties().forEach((k, v) -> command.add(k + "=" + v));
        }
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(RecoveryChild.RESULT)) {
                    String[] parts = line.split(" ");
                    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                    if (!child.waitFor(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the child process did not die after SIGKILL");
                    }
                    return new long[]{Long.parseLong(parts[1]), Double.doubleToLongBits(Double.parseDouble(parts[2]))};
                }
            }
        } finally {
            child.destroyForcibly();
        }
        throw new IllegalStateException("the child process ended before reporting its writes (exit "
                + child.waitFor() + "); see its error output above");
    }
}
