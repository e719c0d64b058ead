package io.warpengine.cli;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code -d DIR} and {@code --config FILE}: which engine, or which data directory, a command works on. */
public final class EngineOptions {

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "The engine's data directory (default: the one the configuration names).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:WARP_CONFIG}",
            description = "Engine configuration file for the defaults; ./warp passes the one in config/ (warpengine.properties).")
    Path configFile;

    /** The configuration file's settings (or the defaults), with {@code -d} as the data directory when given. */
    public EngineConfig.Builder config() {
        EngineConfig.Builder builder = configFile != null ? EngineConfig.load(configFile)
                : EngineConfig.builder(Path.of("data"));
        return dataDir != null ? builder.dataDir(dataDir) : builder;
    }
}
