package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.cli.EngineOptions;
import picocli.CommandLine.Mixin;

/** {@code -d DIR} and {@code --config FILE}: which data directory a verb works on. */
final class DataDirOptions {

    @Mixin
    EngineOptions engine;

    /** The directory, checked: one clear error when it is missing or not a WarpEngine data directory. */
    DataDirectory resolve() {
        EngineConfig config = engine.config().build();
        return DataDirectory.open(config.dataDir(), config.journalRollCycle());
    }
}
