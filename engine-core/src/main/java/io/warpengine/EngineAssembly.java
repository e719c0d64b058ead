package io.warpengine;

import io.warpengine.core.ChronicleCommandLog;
import io.warpengine.core.Checkpointer;
import io.warpengine.core.CommandLog;
import io.warpengine.core.EngineHealth;
import io.warpengine.core.Expirer;
import io.warpengine.core.JournalRetention;
import io.warpengine.core.Pipeline;
import io.warpengine.core.Recovery;
import io.warpengine.core.ShardSet;
import io.warpengine.core.StoreFactory;
import io.warpengine.snapshot.SnapshotFiles;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.tier.DeepLog;
import io.warpengine.tier.Residency;
import io.warpengine.tier.Tiers;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole engine, built in the order it comes up, each part from the ones before it:
 * <pre>
 *   JVM check     JvmOptionsCheck      the module flags Chronicle needs, named when missing
 *   lock          DirectoryLock        one engine per data directory (an OS file lock)
 *   id            DataDirectoryId      the directory's id, which its snapshots and journal files carry
 *   snapshots     SnapshotStore        the snapshot files
 *   journal       ChronicleCommandLog  the command log, opened for appending
 *   tiers         Tiers                memory tiers under memory.max.bytes, and the deep log (or heap only)
 *   recovery      Recovery             newest snapshot that verifies, then the journal after it
 *   tail cut      CommandLog           a damaged tail the replay found is cut before anything is appended
 *   shards        ShardSet             routing table, one store per writer, entanglements, put options
 *   demoter       Tiers                moves values down the tiers when memory is short, by each key's options
 *   pipeline      Pipeline             the ring of pending writes, the writer role callers take, the observer stage
 *   checkpointer  Checkpointer         fuzzy snapshots of the live stores: on demand, by triggers, on close
 *   expirer       Expirer              journals reaps of the keys whose expiry time passed (reads skip them at once)
 *   retention     JournalRetention     journal files every kept snapshot covers are deleted after a snapshot,
 *                 Tiers                and deep segments compaction retired before the oldest kept snapshot
 * </pre>
 * {@link #close()} takes it down in reverse. {@link WarpEngine} serves the API over it.
 */
final class EngineAssembly implements AutoCloseable {

    final EngineConfig config;
    final DirectoryLock lock;
    final CommandLog journal;
    final RecoveryReport recovery;
    final ShardSet shards;
    /** The memory tiers; null when every value is on the heap ({@code memory.max.bytes} 0). */
    final Tiers tiers;
    final EngineHealth health = new EngineHealth();
    final Pipeline pipeline;
    final Checkpointer checkpointer;
    /** Null when {@code expiry.reap.millis} is 0. */
    final Expirer expirer;

    /**
     * @throws IllegalStateException when another engine holds the directory
     * @throws io.warpengine.journal.JournalCorruptedException when the journal is damaged beyond a torn tail
     */
    EngineAssembly(EngineConfig config) {
        this(config, StorageSeams.REAL);
    }

    /** As {@link #EngineAssembly(EngineConfig)}, on the given seams to the disk. */
    EngineAssembly(EngineConfig config, StorageSeams seams) {
        JvmOptionsCheck.require();
        this.config = config;
        Path dir = config.dataDir();
        lock = DirectoryLock.acquire(dir, config.dataPermissions());
        CommandLog log = null;
        Tiers openedTiers = null;
        try {
            UUID id = DataDirectoryId.readOrCreate(dir, config.journalRollCycle(), config.dataPermissions());
            SnapshotStore snapshots = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), config.snapshotsKeep(),
                    false, seams.snapshotFiles().apply(SnapshotFiles.real(config.dataPermissions())), id);
            log = seams.journal().apply(ChronicleCommandLog.open(dir.resolve(WarpEngine.JOURNAL_DIR),
                    config.journalRollCycle(), config.durability() == Durability.POWER,
                    dir.resolve(WarpEngine.JOURNAL_BACKUP_DIR), config.dataPermissions(), id));
            Recovery.Recovered recovered;
            if (config.memoryMaxBytes() > 0) {
                openedTiers = Tiers.open(dir.resolve(WarpEngine.DEEP_DIR), config.memoryMaxBytes(),
                        config.deepSegmentBytes());
                recovered = Recovery.recover(snapshots, log, checkedLogicalShards(config), config.shards(),
                        Long.MAX_VALUE, Long.MAX_VALUE, openedTiers);
            } else {
                // Deep values a snapshot holds (written with tiers on) are read back onto the heap
                try (DeepLog deep = DeepLog.openReadOnly(dir.resolve(WarpEngine.DEEP_DIR))) {
                    recovered = Recovery.recover(snapshots, log, checkedLogicalShards(config), config.shards(),
                            Long.MAX_VALUE, Long.MAX_VALUE, StoreFactory.heapOnly(
                                    (key, value) -> deep.read(value.location(), key)));
                }
            }
            log.cutDamagedTail(recovered.replay());
            journal = log;
            recovery = report(recovered);
            shards = recovered.shards();
            shards.judgeExpiryBy(config.clock()::millis);
            tiers = openedTiers;
            pipeline = new Pipeline(config.ringSize(), config.waitStrategy().newWaitStrategy(), journal,
                    recovered.lastSequence(), shards, config.observers(), health, config.clock());
            JournalRetention retention = new JournalRetention(journal, config.journalRetention());
            checkpointer = new Checkpointer(snapshots, pipeline, shards, oldest -> {
                retention.afterSnapshot(oldest);
                if (tiers != null) {
                    tiers.afterSnapshot(oldest);
                }
            }, tiers == null ? shards::liveKeys : tiers::snapshotEntries, health, recovered.snapshotSequence(),
                    config.checkpointEveryOperations(), config.checkpointEverySeconds());
            if (tiers != null) {
                tiers.startDemoter(key -> residency(shards.keyOptions().of(key)), pipeline::lastSequence);
            }
            expirer = config.expiryReapMillis() > 0
                    ? new Expirer(shards, pipeline, health, config.expiryReapMillis()) : null;
        } catch (RuntimeException | Error e) {
            if (openedTiers != null) {
                openedTiers.close();
            }
            if (log != null) {
                log.close();
            }
            lock.close();
            throw e;
        }
    }

    /** The demoter's rule for a key with put options {@code code}: critical stays in memory, cold goes first. */
    static Residency residency(byte code) {
        if (code == 0) {
            return Residency.NORMAL;
        }
        PutOptions options = PutOptions.ofCode(code);
        if (options.priority() == PutOptions.Priority.CRITICAL) {
            return Residency.KEEP;
        }
        return options.temperature() == PutOptions.AccessPattern.COLD ? Residency.COLD : Residency.NORMAL;
    }

    /** {@code logical.shards}, refused when fewer than {@code shards} (some writer would own none). */
    static int checkedLogicalShards(EngineConfig config) {
        if (config.logicalShards() < config.shards()) {
            throw new IllegalArgumentException("setting 'logical.shards' (" + config.logicalShards()
                    + ") must be at least setting 'shards' (" + config.shards() + "): each writer owns logical shards");
        }
        return config.logicalShards();
    }

    /** What a recovery did, as the API reports it. */
    static RecoveryReport report(Recovery.Recovered recovered) {
        return new RecoveryReport(recovered.snapshotFile(), recovered.snapshotSequence(),
                recovered.replay().entriesApplied(), recovered.lastSequence(), recovered.replay().tornEntriesSkipped(),
                recovered.duration());
    }

    /** The future's value; its failure rethrown as the unchecked exception it holds. */
    static long join(CompletableFuture<Long> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * With no call in flight: the close-time checkpoint (when configured and healthy), then every part stops,
     * newest first.
     */
    @Override
    public void close() {
        if (expirer != null) {
            expirer.close();
        }
        checkpointer.stopTimer();
        try {
            if (config.checkpointOnClose() && health.failure() == null) {
                join(checkpointer.checkpoint()); // may be one a timer started before the last writes
                if (pipeline.lastSequence() > checkpointer.lastSnapshotSequence()) {
                    join(checkpointer.checkpoint());
                }
            }
        } finally {
            checkpointer.close();
            pipeline.shutdown();
            if (tiers != null) {
                tiers.close();
            }
            journal.close();
            lock.close();
        }
    }
}
