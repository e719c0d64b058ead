package io.warpengine;

import io.warpengine.core.CallGate;
import io.warpengine.core.CommandLog;
import io.warpengine.core.InputLimits;
import io.warpengine.core.RoutingTable;
import io.warpengine.core.ShardSet;
import io.warpengine.store.StoredRead;
import io.warpengine.store.StoredValue;
import io.warpengine.store.ValueTier;
import io.warpengine.tier.Tiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The read side every engine type shares: checked keys, copies out of the shards, the read observers, and the
 * figures over the shards.
 */
final class KeyReads {

    private static final Logger LOG = LoggerFactory.getLogger(KeyReads.class);

    private final InputLimits limits;
    private final ShardSet shards;
    private final CommandLog journal;
    private final CallGate gate;
    private final ReadPoint readPoint;
    /** Null when nobody observes reads: the common case pays one null check. */
    private final ReadObserver[] observers;

    /** @param readPoint how a multi-key read gets one point of the sequence (the live engine's writes go on) */
    KeyReads(InputLimits limits, ShardSet shards, CommandLog journal, CallGate gate, List<ReadObserver> observers,
             ReadPoint readPoint) {
        this.limits = limits;
        this.readPoint = readPoint;
        this.shards = shards;
        this.journal = journal;
        this.gate = gate;
        this.observers = observers.isEmpty() ? null : observers.toArray(new ReadObserver[0]);
    }

    Optional<byte[]> get(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        byte[] stored = shards.readOutsideBatches(key);
        if (observers != null) {
            observe(key, shards.routing().shardOf(key), stored != null);
        }
        return stored == null ? Optional.empty() : Optional.of(StoredValue.value(stored));
    }

    Optional<KeyMetadata> getWithMetadata(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        Located found = readPoint.atOnePoint(() -> {
            int logical = shards.routing().logicalShardOf(key); // gravity may move it: read at the point too
            long expiresAt = shards.expiries().of(key);
            StoredRead read = shards.readWithTier(key);
            return read == null ? null : new Located(read.stored(), read.tier(), logical,
                    shards.routing().ownerOf(logical), shards.keyOptions().of(key), expiresAt);
        });
        if (found == null) {
            return Optional.empty();
        }
        byte[] stored = found.stored(); // copied outside the read point: writers wait less
        return Optional.of(new KeyMetadata(StoredValue.value(stored), found.logicalShard(), found.shard(),
                PutOptions.ofCode(found.options()), StoredValue.sequence(stored), StoredValue.micros(stored),
                found.tier(), found.expiresAt()));
    }

    KeyTtl ttl(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        return readPoint.atOnePoint(() -> {
            long now = shards.nowMillis();
            long at = shards.expiries().of(key);
            if (at != 0 && at <= now || !shards.contains(key)) {
                return KeyTtl.ABSENT;
            }
            return at == 0 ? KeyTtl.PERSISTENT : KeyTtl.expiring(at, now);
        });
    }

    /** What {@link #getWithMetadata} reads at one point. */
    private record Located(byte[] stored, ValueTier tier, int logicalShard, int shard, byte options,
                           long expiresAt) {
    }

    ShardPlacement placement() {
        gate.checkOpen();
        RoutingTable routing = shards.routing();
        return new ShardPlacement(routing.logicalShards(), routing.writers(),
                Arrays.stream(routing.owners()).boxed().toList(), routing.pinnedKeys());
    }

    int logicalShardOf(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        return shards.routing().logicalShardOf(key);
    }

    Map<String, byte[]> getAll(Collection<String> keys) {
        if (keys == null) {
            throw new IllegalArgumentException("keys must not be null");
        }
        List<String> checked = new ArrayList<>(keys.size());
        for (String key : keys) {
            limits.checkKey(key);
            checked.add(key);
        }
        gate.checkOpen();
        Map<String, byte[]> found = readPoint.atOnePoint(() -> {
            Map<String, byte[]> values = new LinkedHashMap<>();
            for (String key : checked) {
                byte[] stored = shards.read(key);
                if (stored != null) {
                    values.put(key, stored);
                }
            }
            return values;
        });
        found.replaceAll((key, stored) -> StoredValue.value(stored)); // copies outside the read point: writers wait less
        if (observers != null) {
            for (String key : checked) {
                observe(key, shards.routing().shardOf(key), found.containsKey(key));
            }
        }
        return found;
    }

    List<String> keys(String prefix) {
        checkPrefix(prefix);
        gate.checkOpen();
        return shards.keys(prefix);
    }

    /** The keys are listed at once; each value is read when the stream reaches it, as a plain {@link #get} would. */
    Stream<Map.Entry<String, byte[]>> scan(String prefix) {
        return keys(prefix).stream().<Map.Entry<String, byte[]>>mapMulti((key, found) -> {
            gate.checkOpen();
            byte[] stored = shards.readOutsideBatches(key);
            if (stored != null) {
                found.accept(Map.entry(key, StoredValue.value(stored)));
            }
        });
    }

    long count() {
        gate.checkOpen();
        return shards.liveKeys();
    }

    private static void checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for every key)");
        }
    }

    /** How a multi-key read is kept at one point of the engine's sequence. */
    interface ReadPoint {
        /** For a state nothing writes to: the read as it is. */
        ReadPoint STILL = new ReadPoint() {
            @Override
            public <T> T atOnePoint(Supplier<T> read) {
                return read.get();
            }
        };

        <T> T atOnePoint(Supplier<T> read);
    }

    private void observe(String key, int shard, boolean found) {
        for (ReadObserver observer : observers) {
            try {
                observer.onRead(key, shard, found);
            } catch (RuntimeException e) {
                LOG.warn("Read observer {} failed on key {}", observer, key, e);
            }
        }
    }

    /**
     * @param lastSequence the newest journaled entry the state holds
     * @param tiers        the memory tiers, or null when every value is on the heap
     */
    EngineStats stats(long lastSequence, Tiers tiers) {
        gate.checkOpen();
        List<Long> perShard = shards.keyCounts();
        long keys = perShard.stream().mapToLong(Long::longValue).sum();
        return new EngineStats(keys, shards.valueBytes(), journal.diskBytes(), journal.bytesAppended(), lastSequence,
                perShard, Optional.ofNullable(tiers).map(Tiers::stats), shards.expiries().size());
    }

    long stateHash() {
        gate.checkOpen();
        return shards.stateHash();
    }
}
