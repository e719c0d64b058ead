package io.warpengine;

import io.warpengine.core.CallGate;
import io.warpengine.core.CommandLog;
import io.warpengine.core.InputLimits;
import io.warpengine.core.ShardSet;

import java.util.List;
import java.util.Optional;

/** The read side every engine type shares: checked keys, copies out of the shards, and the figures over them. */
final class KeyReads {

    private final InputLimits limits;
    private final ShardSet shards;
    private final CommandLog journal;
    private final CallGate gate;

    KeyReads(InputLimits limits, ShardSet shards, CommandLog journal, CallGate gate) {
        this.limits = limits;
        this.shards = shards;
        this.journal = journal;
        this.gate = gate;
    }

    Optional<byte[]> get(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        byte[] stored = shards.get(key);
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
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
