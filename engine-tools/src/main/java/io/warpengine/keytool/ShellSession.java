package io.warpengine.keytool;

import io.warpengine.EngineConfig;
import io.warpengine.EngineReader;
import io.warpengine.RecoveryTarget;
import io.warpengine.WarpEngine;

import java.util.function.Function;

/** The engine the shell holds open for all its commands: live, or a read-only view with {@code --read-only}. */
final class ShellSession implements EngineSession, AutoCloseable {

    private final EngineReader reader;
    /** Null in a read-only shell. */
    private final WarpEngine engine;

    private ShellSession(EngineReader reader, WarpEngine engine) {
        this.reader = reader;
        this.engine = engine;
    }

    static ShellSession live(EngineConfig config) {
        WarpEngine engine = WarpEngine.open(config);
        return new ShellSession(engine, engine);
    }

    /** A view of the state when the shell started: no lock, so it works beside an engine that has the directory. */
    static ShellSession readOnly(EngineConfig config) {
        return new ShellSession(WarpEngine.openAt(config, RecoveryTarget.LATEST), null);
    }

    @Override
    public <T> T read(Function<EngineReader, T> read) {
        return read.apply(reader);
    }

    @Override
    public <T> T write(Function<WarpEngine, T> write) {
        if (engine == null) {
            throw new IllegalStateException("this shell is read-only (--read-only): it shows the state as of its "
                    + "start and cannot write; start ./warp shell without --read-only to write");
        }
        return write.apply(engine);
    }

    @Override
    public void close() {
        reader.close();
    }
}
