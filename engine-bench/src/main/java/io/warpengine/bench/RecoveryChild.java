package io.warpengine.bench;

import io.warpengine.EngineConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@code ./warp bench recovery --stop sigkill}, both ends: {@link #main} runs in the child,
 * writes the operations with {@link SequencedWriters}, reports the PUT rate before the stop, then keeps writing until
 * it is killed, and all along reports each writer's acknowledged count on stdout every millisecond; {@link
 * #runAndKill} runs in the parent, starts the child and SIGKILLs it on the first report past the operations, so the
 * kill lands while writes are in flight. Only what that report says counts as acknowledged.
 */
final class RecoveryChild {

    /** {@code ACKED c0 c1 ...}: each writer thread's acknowledged count. */
    static final String ACKED = "ACKED";
    /** {@code MEASURED rate operations}: the PUT rate before the stop, and over how many writes. */
    static final String MEASURED = "MEASURED";
    private static final long REPORT_MILLIS = 1;

    /**
     * What the parent saw before the kill.
     *
     * @param acknowledged       each writer's acknowledged count in the last report read before the kill
     * @param beforeOpsPerSecond PUT rate of the {@code before stop} phase
     * @param beforeOperations   writes of that phase
     */
    record Outcome(long[] acknowledged, double beforeOpsPerSecond, long beforeOperations) {
    }

    private RecoveryChild() {
    }

    /**
     * Arguments: target name, directory, operations, threads, keys, key size, value size, distribution, then the
     * engine's settings as key=value.
     */
    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path dir = Path.of(args[1]);
        long operations = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        Workload workload = new Workload(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                Workload.Distribution.valueOf(args[7])).withKeysMadePerUse(); // as RecoveryCommand's
        ScenarioCommand.TargetSpec spec;
        if (name.equals(EngineTarget.NAME)) {
            EngineConfig.Builder builder = EngineConfig.builder(dir);
            for (int i = 8; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                builder.set(kv[0], kv[1]);
            }
            spec = new ScenarioCommand.TargetSpec(name, dir, builder.dataDir(dir).build());
        } else {
            spec = new ScenarioCommand.TargetSpec(name, dir, null);
        }
        Target target = spec.open(); // never closed: the parent kills this process
        SequencedWriters writers = new SequencedWriters(target, workload, new WriteSequence(workload, threads), false);
        Thread reporter = new Thread(() -> report(writers), "acknowledged-reporter");
        reporter.setDaemon(true);
        reporter.start();
        List<PhaseResult> phases = writers.write(operations);
        PhaseResult before = phases.get(phases.size() - 1);
        System.out.printf(Locale.ROOT, "%s %s %d%n", MEASURED, Double.toString(before.opsPerSecond()), before.operations());
        System.out.flush();
        writers.writeUntilKilled();
    }

    /** Prints the acknowledged counts whenever they changed, every {@link #REPORT_MILLIS} ms. */
    private static void report(SequencedWriters writers) {
        long[] last = null;
        while (true) {
            long[] now = writers.acknowledged();
            if (!Arrays.equals(now, last)) {
                StringBuilder line = new StringBuilder(ACKED);
                for (long count : now) {
                    line.append(' ').append(count);
                }
                System.out.println(line);
                System.out.flush();
                last = now;
            }
            try {
                Thread.sleep(REPORT_MILLIS); // the reporting period, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Starts the child on {@code spec}'s target with this JVM's options and SIGKILLs it at its first report of more
     * than {@code operations} acknowledged writes; returns once it is dead.
     */
    static Outcome runAndKill(ScenarioCommand.TargetSpec spec, long operations, int threads, ScenarioOptions options,
                              int keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RecoveryChild.class.getName());
        command.addAll(List.of(spec.name(), spec.dir().toString(), String.valueOf(operations), String.valueOf(threads),
                String.valueOf(keys), String.valueOf(options.keySize), String.valueOf(options.valueSize),
                options.distribution.name()));
        if (spec.config() != null) {
            spec.config().asProperties().forEach((k, v) -> command.add(k + "=" + v));
        }
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String[] measured = null;
            String line;
            while ((line = lines.readLine()) != null) {
                Cancellation.check(); // the finally kills the child
                String[] parts = line.split(" ");
                if (parts[0].equals(MEASURED)) {
                    measured = parts;
                } else if (parts[0].equals(ACKED)) {
                    long[] acknowledged = Arrays.stream(parts, 1, parts.length).mapToLong(Long::parseLong).toArray();
                    if (Arrays.stream(acknowledged).sum() > operations) {
                        kill(child);
                        if (measured == null) {
                            throw new IllegalStateException("the child wrote past the operations without reporting its rate");
                        }
                        return new Outcome(acknowledged, Double.parseDouble(measured[1]), Long.parseLong(measured[2]));
                    }
                }
            }
        } finally {
            child.destroyForcibly();
        }
        Cancellation.check(); // a Ctrl-C reaches the child too: it ended for that, not by failing
        throw new IllegalStateException("the child process ended before it wrote the operations (exit "
                + child.waitFor() + "); see its error output above");
    }

    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child process did not die after SIGKILL");
        }
    }
}
