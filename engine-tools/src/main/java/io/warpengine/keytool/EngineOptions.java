package io.warpengine.keytool;

import io.warpengine.EngineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code -d DIR} and {@code --config FILE}: which engine a key command opens. */
final class EngineOptions {

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
            description = "The engine's data directory (default: data.dir of the configuration).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:WARP_CONFIG}",
            description = "Engine configuration file (./warp passes config/warpengine.properties).")
    Path configFile;

    /** The configuration file's settings (or the defaults), with {@code -d} as the data directory when given. */
    EngineConfig.Builder config() {
        EngineConfig.Builder builder = configFile != null ? EngineConfig.load(configFile)
                : EngineConfig.builder(Path.of("data"));
        return dataDir != null ? builder.dataDir(dataDir) : builder;
    }
}
