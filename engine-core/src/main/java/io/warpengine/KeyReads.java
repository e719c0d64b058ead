package io.warpengine;

import io.warpengine.core.CallGate;
import io.warpengine.core.CommandLog;
import io.warpengine.core.InputLimits;
import io.warpengine.core.ShardSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

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
    /** Null when nobody observes reads: the common case pays one null check. */
    private final ReadObserver[] observers;

    KeyReads(InputLimits limits, ShardSet shards, CommandLog journal, CallGate gate, List<ReadObserver> observers) {
        this.limits = limits;
        this.shards = shards;
        this.journal = journal;
        this.gate = gate;
        this.observers = observers.isEmpty() ? null : observers.toArray(new ReadObserver[0]);
    }

    Optional<byte[]> get(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        int shard = shards.router().shardOf(key);
        byte[] stored = shards.store(shard).get(key);
        if (observers != null) {
            observe(key, shard, stored != null);
        }
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
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

    /** @param lastSequence the newest journaled entry the state holds */
    EngineStats stats(long lastSequence) {
        gate.checkOpen();
        List<Long> perShard = shards.keyCounts();
        long keys = perShard.stream().mapToLong(Long::longValue).sum();
        return new EngineStats(keys, shards.valueBytes(), journal.diskBytes(), journal.bytesAppended(), lastSequence,
                perShard);
    }

    long stateHash() {
        gate.checkOpen();
        return shards.stateHash();
    }
}
