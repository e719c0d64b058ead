package io.warpengine.bench;

import io.warpengine.Batch;
import io.warpengine.EngineConfig;
import io.warpengine.QuantumResult;
import io.warpengine.RecoveryReport;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.CheckpointReport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine through its public synchronous API. */
final class EngineTarget implements Target {

    static final String NAME = "engine";

    private final String name;
    private final WarpEngine engine;

    EngineTarget(String name, EngineConfig config) {
        this.name = name;
        this.engine = WarpEngine.open(config);
    }

    /** The engine itself, for what the Target interface does not cover (stats, metadata reads). */
    WarpEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return name;
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

    /** Entangled in the engine by {@link #entangle}: the workload's relation is not passed again. */
    @Override
    public int quantumGet(String key, Workload workload) {
        QuantumResult q = engine.quantumGet(key);
        return q.value().isPresent() ? q.entangled().size() : -1;
    }

    @Override
    public void batch(String[] keys, byte[] value) {
        Batch batch = engine.batch();
        for (String key : keys) {
            batch.put(key, value);
        }
        batch.commit();
    }

    /** Entangles each of the workload's first keys with its related keys, at strengths from 0.9 down. */
    void entangle(Workload workload) {
        for (int i = 0; i < workload.entangledKeys(); i++) {
            String[] related = workload.related(i);
            for (int r = 0; r < related.length; r++) {
                engine.entangle(workload.key(i), List.of(related[r]), 0.9 - 0.1 * r);
            }
        }
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
        return engine.stats().journalBytesSinceOpen();
    }

    /** The journal's files, as {@code stats()} sizes them (read without stopping writers). */
    @Override
    public long journalBytesOnDisk() {
        return engine.stats().journalBytes();
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
