package io.warpengine.keytool;

import io.warpengine.cli.EngineOptions;
import io.warpengine.EngineConfig;
import io.warpengine.EngineReader;
import io.warpengine.EngineView;
import io.warpengine.RecoveryTarget;
import io.warpengine.WarpEngine;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The engine opened for one call of a verb, as {@code -d DIR} and {@code --config FILE} say. A read opens a read-only
 * view of the newest state, which takes no lock, so it works beside an engine that has the directory open. A write
 * opens the engine and closes it without a close-time checkpoint: the write is journaled, and rewriting the whole
 * state for one write would cost more than replaying it at the next open.
 */
final class OneOffSession implements EngineSession {

    @Mixin
    EngineOptions options;

    @Override
    public <T> T read(Function<EngineReader, T> read) {
        EngineConfig config = options.config().build();
        Path dir = config.dataDir();
        if (!Files.isDirectory(dir.resolve(WarpEngine.JOURNAL_DIR))) {
            throw new IllegalArgumentException(Files.exists(dir)
                    ? dir + " is not a WarpEngine data directory (it has no " + WarpEngine.JOURNAL_DIR + "/)"
                    : "data directory " + dir + " does not exist; name an engine's directory with -d DIR");
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.LATEST)) {
            return read.apply(view);
        }
    }

    @Override
    public <T> T write(Function<WarpEngine, T> write) {
        try (WarpEngine engine = WarpEngine.open(options.config().checkpointOnClose(false).build())) {
            return write.apply(engine);
        }
    }
}
