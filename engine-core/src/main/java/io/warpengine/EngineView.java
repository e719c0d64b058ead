package io.warpengine;

import io.warpengine.core.CallGate;
import io.warpengine.core.ChronicleCommandLog;
import io.warpengine.core.CommandLog;
import io.warpengine.core.InputLimits;
import io.warpengine.core.Recovery;
import io.warpengine.snapshot.SnapshotFiles;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.tier.Tiers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A read-only view of an engine's state as of a point in its history (point-in-time recovery), opened by
 * {@link WarpEngine#openAt}. It has no writer: it takes no lock, changes nothing on disk and may run beside the
 * engine that owns the directory.
 */
public final class EngineView implements EngineReader {

    private final EngineConfig config;
    private final CommandLog journal;
    private final Tiers tiers;
    private final RecoveryReport recovery;
    private final CallGate gate;
    private final KeyReads reads;
    private final QuantumReads quantumReads;

    private EngineView(EngineConfig config, CommandLog journal, Tiers tiers, Recovery.Recovered recovered) {
        this.config = config;
        this.journal = journal;
        this.tiers = tiers;
        this.recovery = EngineAssembly.report(recovered);
        this.gate = new CallGate("view of " + config.dataDir() + " as of sequence " + recovery.lastSequence());
        this.reads = new KeyReads(new InputLimits(config.maxKeyBytes(), config.maxValueBytes()), recovered.shards(),
                journal, gate, config.readObservers(), KeyReads.ReadPoint.STILL);
        this.quantumReads = new QuantumReads(new InputLimits(config.maxKeyBytes(), config.maxValueBytes()),
                recovered.shards(), gate, KeyReads.ReadPoint.STILL, config);
    }

    /** The newest snapshot at or before {@code target}, then the journal up to it. */
    static EngineView open(EngineConfig config, RecoveryTarget target) {
        JvmOptionsCheck.require();
        UUID id = DataDirectoryId.read(config.dataDir());
        SnapshotStore snapshots = new SnapshotStore(config.dataDir().resolve(WarpEngine.SNAPSHOT_DIR),
                config.snapshotsKeep(), true, SnapshotFiles.REAL, id);
        CommandLog journal = ChronicleCommandLog.openReadOnly(config.dataDir().resolve(WarpEngine.JOURNAL_DIR),
                config.journalRollCycle(), id);
        // Values the snapshot holds in the deep tier are read from the directory's deep log; nothing is demoted
        Tiers tiers = Tiers.readOnly(config.dataDir().resolve(WarpEngine.DEEP_DIR));
        try {
            Recovery.Recovered recovered = Recovery.recover(snapshots, journal,
                    EngineAssembly.checkedLogicalShards(config), config.shards(), target.maxSequence(),
                    target.maxTimestampMicros(), tiers);
            recovered.shards().judgeExpiryBy(expiryTime(config, target, recovered));
            return new EngineView(config, journal, tiers, recovered);
        } catch (RuntimeException | Error e) {
            tiers.close();
            journal.close();
            throw e;
        }
    }

    /**
     * The time a view judges expiry by: its target time; for a target sequence, the time of that entry; for the
     * latest state, the clock (a view of the newest state reads as the engine would now).
     */
    private static LongSupplier expiryTime(EngineConfig config, RecoveryTarget target, Recovery.Recovered recovered) {
        if (target.maxTimestampMicros() != Long.MAX_VALUE) {
            long millis = target.maxTimestampMicros() / 1000;
            return () -> millis;
        }
        if (target.maxSequence() != Long.MAX_VALUE) {
            long millis = recovered.lastMicros() / 1000;
            return () -> millis;
        }
        return config.clock()::millis;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return reads.get(key);
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        return reads.getAll(keys);
    }

    @Override
    public Optional<KeyMetadata> getWithMetadata(String key) {
        return reads.getWithMetadata(key);
    }

    @Override
    public KeyTtl ttl(String key) {
        return reads.ttl(key);
    }

    @Override
    public QuantumResult quantumGet(String key) {
        return quantumReads.read(key);
    }

    @Override
    public ShardPlacement placement() {
        return reads.placement();
    }

    @Override
    public int logicalShardOf(String key) {
        return reads.logicalShardOf(key);
    }

    /** The figures of the state as of the view's target; nothing is written through a view. */
    @Override
    public List<String> keys(String prefix) {
        return reads.keys(prefix);
    }

    @Override
    public Stream<Map.Entry<String, byte[]>> scan(String prefix) {
        return reads.scan(prefix);
    }

    @Override
    public long count() {
        return reads.count();
    }

    @Override
    public EngineStats stats() {
        return reads.stats(recovery.lastSequence(), tiers);
    }

    @Override
    public long stateHash() {
        return reads.stateHash();
    }

    @Override
    public RecoveryReport recovery() {
        return recovery;
    }

    @Override
    public EngineConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (gate.closeAndDrain()) {
            tiers.close();
            journal.close();
        }
    }
}
