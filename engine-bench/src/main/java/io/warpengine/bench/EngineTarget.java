package io.warpengine.bench;

import io.warpengine.EngineConfig;
import io.warpengine.RecoveryReport;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.CheckpointReport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine through its public synchronous API. */
final class EngineTarget implements Target {

    static final String NAME = "engine";

    private final WarpEngine engine;

    EngineTarget(EngineConfig config) {
        this.engine = WarpEngine.open(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void put(String key, byte[] value) {
        engine.put(key, value);
    }

    @Override
    public byte[] get(String key) {
        return engine.get(key).orElse(null);
    }

    @Override
    public void delete(String key) {
        engine.delete(key);
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] value) {
        return engine.putAsync(key, value);
    }

    @Override
    public CompletableFuture<?> deleteAsync(String key) {
        return engine.deleteAsync(key);
    }

    @Override
    public int runningCheckpoint() {
        return engine.runningCheckpoint();
    }

    @Override
    public List<CheckpointReport> checkpoints() {
        return engine.checkpoints();
    }

    @Override
    public long logBytesWritten() {
        return engine.stats().journalBytesWritten();
    }

    /** Takes a snapshot now; returns its sequence. */
    long checkpoint() {
        return engine.checkpoint();
    }

    /** What opening the engine rebuilt. */
    RecoveryReport recovery() {
        return engine.recovery();
    }

    @Override
    public void close() {
        engine.close();
    }
}
