package io.warpengine.bench;

import io.warpengine.snapshot.CheckpointReport;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a load runs against: the engine, or the naive baseline. */
interface Target extends AutoCloseable {

    String name();

    void put(String key, byte[] value);

    byte[] get(String key);

    void delete(String key);

    /** A PUT whose completion the caller collects later: lets one caller keep several writes in flight. */
    CompletableFuture<?> putAsync(String key, byte[] value);

    CompletableFuture<?> deleteAsync(String key);

    /**
     * The value of {@code key} and of the keys entangled with it (as {@link Workload#related(String)} entangled
     * them), read together; returns how many of the related keys held a value, or -1 when {@code key} held none.
     */
    int quantumGet(String key, Workload workload);

    /** Puts {@code value} under every one of {@code keys}, all or nothing. */
    void batch(String[] keys, byte[] value);

    /** The number of the checkpoint this target is writing now, or 0 (the baseline takes none). */
    default int runningCheckpoint() {
        return 0;
    }

    /** The checkpoints this target wrote since it opened. */
    default List<CheckpointReport> checkpoints() {
        return List.of();
    }

    /** Bytes this target has appended to its log since it opened. */
    long logBytesWritten();

    /**
     * Size of this target's log files on disk now (may run ahead of the bytes written where files grow in blocks);
     * -1 if it cannot tell. Called from another thread while the load runs, so it must be safe to call then.
     */
    default long journalBytesOnDisk() {
        return -1;
    }

    @Override
    void close();
}
