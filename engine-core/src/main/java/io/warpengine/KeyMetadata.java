package io.warpengine;

import io.warpengine.store.ValueTier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A key's value and what the engine keeps about it, read at one point of the engine's sequence
 * ({@link WarpEngine#getWithMetadata}).
 *
 * @param value        the value (a copy)
 * @param logicalShard the key's logical shard (by the key, or its hash tag)
 * @param shard        the writer (shard store) that owns the logical shard now
 * @param options      the put options of the key's last write
 * @param sequence     the engine sequence of the key's last write (its journal entry; 0 when unknown: the value
 *                     came from a snapshot written before version 4 of the format)
 * @param writtenMicros wall-clock time of that write, µs since the epoch (0 when unknown, as {@code sequence})
 * @param tier         the memory tier that served the value (always the event horizon when tiers are off); this
 *                     read may have moved it up
 * @param expiresAtMillis when the key expires, ms since the epoch; 0 when it never does
 */
public record KeyMetadata(byte[] value, int logicalShard, int shard, PutOptions options, long sequence,
                          long writtenMicros, ValueTier tier, long expiresAtMillis) {

    /** When the key's last write was journaled; empty when unknown. */
    public Optional<Instant> written() {
        return writtenMicros == 0 ? Optional.empty() : Optional.of(Instant.EPOCH.plus(writtenMicros, ChronoUnit.MICROS));
    }
}
