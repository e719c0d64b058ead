package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code -d DIR} and {@code --config FILE}: which data directory a verb works on. */
final class DataDirOptions {

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "The engine's data directory (default: the one the configuration names).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:WARP_CONFIG}",
            description = "Engine configuration file for the defaults; ./warp passes the one in config/ (warpengine.properties).")
    Path configFile;

    /** The directory, checked: one clear error when it is missing or not a WarpEngine data directory. */
    DataDirectory resolve() {
        EngineConfig config = (configFile != null ? EngineConfig.load(configFile) : EngineConfig.builder(Path.of("data")))
                .build();
        return DataDirectory.open(dataDir != null ? dataDir : config.dataDir(), config.journalRollCycle());
    }
}
