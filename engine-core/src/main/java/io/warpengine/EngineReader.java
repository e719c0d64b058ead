package io.warpengine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

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

    /**
     * The value of {@code key} with where it lives, its put options and the sequence and time of its last write,
     * all as of one point of the engine's sequence; empty when the key holds no value.
     */
    Optional<KeyMetadata> getWithMetadata(String key);

    /**
     * Whether {@code key} exists and when it expires, at one moment: the engine's clock, or a view's target time. An
     * expired key does not exist, whether or not it has been reclaimed yet.
     */
    KeyTtl ttl(String key);

    /**
     * The value of {@code key} and the values of the keys entangled with it (declared, or derived by the pattern
     * rules), strongest first, all as of one point of the engine's sequence (see {@link WarpEngine#quantumGet}).
     */
    QuantumResult quantumGet(String key);

    /**
     * The keys that start with {@code prefix} ({@code ""} for all), in {@link String#compareTo} order. Weakly
     * consistent, not a snapshot: every key present throughout the call is listed once, and a key put or deleted
     * during it may or may not be. Costs a pass over every key and memory for the keys listed.
     */
    List<String> keys(String prefix);

    /**
     * The keys that start with {@code prefix} with their values (copies), in {@link String#compareTo} order. The keys
     * are listed as {@link #keys} lists them, when this is called; each value is read when the stream reaches it,
     * so it is that key's value at that moment, and a key deleted before then is left out. Not a snapshot: for
     * values of several keys as of one point, use {@link #getAll}.
     */
    Stream<Map.Entry<String, byte[]>> scan(String prefix);

    /**
     * How many keys hold a value now. Keys that expired but are not reclaimed yet (by the reap that runs every
     * {@code expiry.reap.millis}) are still counted, as Redis's {@code DBSIZE} counts them.
     */
    long count();

    /** The routing table: which writer owns each logical shard, and how many keys gravity placed. */
    ShardPlacement placement();

    /**
     * The logical shard {@code key} belongs to, whether or not it holds a value: its hash tag's or its own hash,
     * unless gravity placed it with the primary it is most strongly entangled with (see the README).
     */
    int logicalShardOf(String key);

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
