package io.warpengine.bench;

import io.warpengine.EngineConfig;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The child process of {@code ./warp bench recovery --stop sigkill}: writes the operations and measures the PUT
 * rate, reports both on stdout, then waits to be killed. Arguments: target name, directory, operations, seconds,
 * threads, keys, key size, value size, distribution, then the engine's settings as key=value.
 */
final class RecoveryChild {

    static final String RESULT = "RESULT";

    private RecoveryChild() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path dir = Path.of(args[1]);
        long operations = Long.parseLong(args[2]);
        double seconds = Double.parseDouble(args[3]);
        int threads = Integer.parseInt(args[4]);
        Workload workload = new Workload(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                Workload.Distribution.valueOf(args[8]));
        ScenarioCommand.TargetSpec spec;
        if (name.equals(EngineTarget.NAME)) {
            EngineConfig.Builder builder = EngineConfig.builder(dir);
            for (int i = 9; i < args.length; i++) {
                String[] kv = args[i].split("=", 2);
                builder.set(kv[0], kv[1]);
            }
            spec = new ScenarioCommand.TargetSpec(name, dir, builder.dataDir(dir).build());
        } else {
            spec = new ScenarioCommand.TargetSpec(name, dir, null);
        }
        OpMix puts = OpMix.parse("put");
        Target target = spec.open(); // never closed: the parent kills this process
        ClosedLoop loop = new ClosedLoop(target, workload, threads, false);
        PhaseResult write = loop.run(puts, 0, operations);
        PhaseResult before = loop.run(puts, seconds, 0);
        System.out.printf(Locale.ROOT, "%s %d %s%n", RESULT, write.operations() + before.operations(),
                Double.toString(before.opsPerSecond()));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // waits for SIGKILL
    }
}
