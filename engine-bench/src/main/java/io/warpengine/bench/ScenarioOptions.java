package io.warpengine.bench;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options every scenario shares: the callers, the data, the engine's configuration and the output. */
final class ScenarioOptions {

    @Option(names = "--threads", description = "Caller threads (default: the scenario's).")
    Integer threads;

    @Option(names = "--in-flight", defaultValue = "1",
            description = "Writes each closed-loop caller keeps in flight: 1 (default) calls the synchronous API, more "
                    + "use putAsync and deleteAsync and wait only for the oldest (how a client fills group commits).")
    int inFlight;

    @Option(names = "--keys", description = "Distinct keys (default: the scenario's, 1000000; readwrite 100000).")
    Integer keyCount;

    @Option(names = "--key-size", defaultValue = "16", description = "Key length in bytes, at least 8 (default ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--value-size", defaultValue = "100", description = "Value length in bytes (default ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--distribution", defaultValue = "uniform",
            description = "How keys are drawn: ${COMPLETION-CANDIDATES} (YCSB's scrambled zipfian, skew 0.99); "
                    + "default ${DEFAULT-VALUE}.")
    Workload.Distribution distribution;

    @Option(names = "--config", defaultValue = "${env:WARP_CONFIG}",
            description = "Engine configuration file; ./warp passes the one in config/ (warpengine.properties).")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "SETTING=VALUE", description = "Overrides an engine setting, such as --set shards=4 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--durability", description = "Engine durability: process or power (short for --set durability=...).")
    String durability;

    @Option(names = "--shards", description = "Engine shards (short for --set shards=...).")
    String shards;

    @Option(names = "--wait-strategy", description = "Engine wait strategy (the setting wait.strategy): phased, blocking, sleeping or yielding.")
    String waitStrategy;

    @Option(names = "--data-dir", description = "Directory for the run's data (default: a fresh temporary directory, deleted after).")
    Path dataDir;

    @Option(names = "--results", defaultValue = "bench-results",
            description = "Directory that receives a folder per run, with the run's summary, histograms and chart "
                    + "(default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar when run on a terminal (default: on).")
    boolean progress;

    /** The run's data; {@code --keys} when given, else the scenario's default. */
    Workload workload(int scenarioDefaultKeys) {
        return new Workload(keyCount != null ? keyCount : scenarioDefaultKeys, keySize, valueSize, distribution);
    }

    int threads(int scenarioDefault) {
        int t = threads != null ? threads : scenarioDefault;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, was " + t);
        }
        return t;
    }

    /** The engine's configuration: the file, then the shortcuts, then every --set, for a data directory. */
    EngineConfig engineConfig(Path engineDir) {
        EngineConfig.Builder builder = configFile != null ? EngineConfig.load(configFile) : EngineConfig.builder(engineDir);
        builder.dataDir(engineDir);
        if (durability != null) {
            builder.set("durability", durability);
        }
        if (shards != null) {
            builder.set("shards", shards);
        }
        if (waitStrategy != null) {
            builder.set("wait.strategy", waitStrategy);
        }
        overrides.forEach(builder::set);
        return builder.build();
    }

    /** {@code config} with physics off (the pattern rules off; nothing is entangled) in the data directory {@code dir}. */
    static EngineConfig physicsOff(EngineConfig config, Path dir) {
        EngineConfig.Builder b = EngineConfig.builder(dir);
        config.asProperties().forEach(b::set);
        return b.dataDir(dir).set("entangle.rules", "off").build();
    }

    /** The workload part of the report's configuration. */
    Map<String, Object> describe(int threadsUsed, int keysUsed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", threadsUsed);
        m.put("inFlight", inFlight);
        m.put("keys", keysUsed);
        m.put("keySize", keySize);
        m.put("valueSize", valueSize);
        m.put("distribution", distribution.name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
