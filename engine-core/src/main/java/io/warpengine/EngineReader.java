package io.warpengine;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What both a live {@link WarpEngine} and a point-in-time {@link EngineView} offer: reads of the state and figures
 * about it. Arrays returned are copies the caller may keep.
 */
public interface EngineReader extends AutoCloseable {

    /** The value stored under {@code key}, as a copy the caller may keep. */
    Optional<byte[]> get(String key);

    /**
     * The values (copies) of those {@code keys} that hold one, all as of one point of the engine's sequence;
     * absent keys are left out, and the map iterates in the order of {@code keys}.
     */
    Map<String, byte[]> getAll(Collection<String> keys);

    /** Completes at once: reads are served from memory without entering the ring. */
    default CompletableFuture<Optional<byte[]>> getAsync(String key) {
        return CompletableFuture.completedFuture(get(key));
    }

    /** Keys, value bytes and journal figures now (see {@link EngineStats}). */
    EngineStats stats();

    /**
     * A digest of the whole state (every key and value), independent of shard count and insertion order: equal
     * states give equal hashes. Exact when no write is in flight; O(keys).
     */
    long stateHash();

    /** What opening replayed. */
    RecoveryReport recovery();

    EngineConfig config();

    /** Releases the files (and, for a live engine, the directory lock). Idempotent. */
    @Override
    void close();
}
