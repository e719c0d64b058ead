package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.core.CheckpointCut;
import io.warpengine.core.Checkpointer;
import io.warpengine.core.DeleteFuture;
import io.warpengine.core.DirectoryLock;
import io.warpengine.core.EngineHealth;
import io.warpengine.core.InputLimits;
import io.warpengine.core.Pipeline;
import io.warpengine.core.PutFuture;
import io.warpengine.core.Recovery;
import io.warpengine.core.ShardRouter;
import io.warpengine.core.ShardState;
import io.warpengine.core.StateHash;
import io.warpengine.core.SyncReply;
import io.warpengine.journal.Journal;
import io.warpengine.journal.TailCutter;
import io.warpengine.snapshot.SnapshotStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An embedded key-value engine: writes are journaled to a write-ahead log before they are acknowledged, and
 * {@link #open} rebuilds the state by replaying that log. Thread-safe; open one engine per data directory.
 *
 * <p>Consistency: a {@code get} that starts after a {@code put} or {@code delete} of the same key returned
 * sees that write or a later one, from any thread, and never a write that is not journaled. Arrays passed in
 * are copied and arrays returned are copies.
 *
 * <p>The async variants' futures complete on an engine thread; dependent stages registered without an
 * executor run there too, so keep them short or use the {@code *Async} forms with an executor. Invalid
 * arguments throw at once from every variant.
 */
public final class WarpEngine implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WarpEngine.class);

    /** Sub-directory of the data directory that holds the journal. */
    public static final String JOURNAL_DIR = "journal";
    /** Sub-directory of the data directory that holds the snapshots. */
    public static final String SNAPSHOT_DIR = "snapshots";
    /** Sub-directory of the data directory where damaged journal files are kept after their tail was cut. */
    public static final String JOURNAL_BACKUP_DIR = "journal-backup";

    private final EngineConfig config;
    private final InputLimits limits;
    private final DirectoryLock lock;
    private final Journal journal;
    private final ShardState[] shards;
    private final ShardRouter router;
    private final Pipeline pipeline;
    private final Checkpointer checkpointer;
    private final EngineHealth health;
    private final RecoveryReport recovery;
    private final ThreadLocal<SyncReply> syncReplies;
    private final LongAdder inFlight = new LongAdder();
    private volatile boolean closed;

    private WarpEngine(EngineConfig config, DirectoryLock lock, Journal journal, SnapshotStore snapshots,
                       ShardState[] shards, ShardRouter router, RecoveryReport recovery, boolean readOnly) {
        this.config = config;
        this.limits = new InputLimits(config.maxKeyBytes(), config.maxValueBytes());
        this.lock = lock;
        this.journal = journal;
        this.shards = shards;
        this.router = router;
        this.health = new EngineHealth();
        this.recovery = recovery;
        long yieldNanos = config.replyYieldMicros() * 1000L;
        this.syncReplies = ThreadLocal.withInitial(() -> new SyncReply(yieldNanos));
        if (readOnly) {
            this.pipeline = null;
            this.checkpointer = null;
        } else {
            this.pipeline = new Pipeline(config.ringSize(), config.waitStrategy(), journal.writer(),
                    recovery.lastSequence(), shards, config.observers(), health);
            this.checkpointer = new Checkpointer(snapshots, shards.length, this::publishCheckpoint,
                    pipeline::lastSequence, this::liveKeys, recovery.snapshotSequence(), config.checkpointEveryOperations(),
                    config.checkpointEverySeconds(), this::retainJournal);
        }
    }

    /** Opens (creating if needed) the engine in {@code dataDir} with the default configuration. */
    public static WarpEngine open(Path dataDir) {
        return open(EngineConfig.builder(dataDir).build());
    }

    /**
     * Opens the engine described by {@code config}: locks the data directory, loads the newest snapshot that
     * verifies, replays the journal after it, starts the pipeline.
     *
     * @throws IllegalStateException when another engine holds the directory
     * @throws io.warpengine.journal.JournalCorruptedException when the journal is damaged beyond a torn tail
     */
    public static WarpEngine open(EngineConfig config) {
        DirectoryLock lock = DirectoryLock.acquire(config.dataDir());
        Journal journal = null;
        try {
            Path journalDir = config.dataDir().resolve(JOURNAL_DIR);
            journal = openJournal(config);
            ShardRouter router = new ShardRouter(config.shards());
            SnapshotStore snapshots = new SnapshotStore(config.dataDir().resolve(SNAPSHOT_DIR), config.snapshotsKeep());
            Recovery.Recovered recovered = Recovery.recover(snapshots, journal, router, RecoveryTarget.LATEST);
            if (recovered.damagedTailIndex() >= 0) {
                journal.close();
                journal = null;
                TailCutter.cut(journalDir, config.journalRollCycle(), recovered.damagedTailIndex(),
                        config.dataDir().resolve(JOURNAL_BACKUP_DIR));
                journal = openJournal(config);
            }
            return new WarpEngine(config, lock, journal, snapshots, recovered.shards(), router,
                    recovered.report(), false);
        } catch (RuntimeException | Error e) {
            if (journal != null) {
                journal.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Opens a read-only view of the state as of {@code target} (point-in-time recovery): the newest snapshot at
     * or before it, then the journal up to it. It takes no lock and changes nothing on disk, so it may run beside
     * the engine that owns the directory; writes and checkpoints on it throw {@link IllegalStateException}.
     */
    public static WarpEngine openAt(EngineConfig config, RecoveryTarget target) {
        Journal journal = Journal.openReadOnly(config.dataDir().resolve(JOURNAL_DIR), config.journalRollCycle());
        try {
            SnapshotStore snapshots = new SnapshotStore(config.dataDir().resolve(SNAPSHOT_DIR), config.snapshotsKeep(), true);
            ShardRouter router = new ShardRouter(config.shards());
            Recovery.Recovered recovered = Recovery.recover(snapshots, journal, router, target);
            return new WarpEngine(config, null, journal, snapshots, recovered.shards(), router,
                    recovered.report(), true);
        } catch (RuntimeException | Error e) {
            journal.close();
            throw e;
        }
    }

    private static Journal openJournal(EngineConfig config) {
        return Journal.open(config.dataDir().resolve(JOURNAL_DIR), config.journalRollCycle(),
                config.durability() == Durability.POWER);
    }

    /** Stores {@code value} under {@code key}; returns once the write is journaled and applied. */
    public PutResult put(String key, byte[] value) {
        Command.Put command = new Command.Put(key, limits.keyUtf8(key), limits.copyValue(value));
        SyncReply reply = call(command);
        return new PutResult(reply.sequence(), reply.shard());
    }

    /** The value stored under {@code key}, as a copy the caller may keep. */
    public Optional<byte[]> get(String key) {
        limits.checkKey(key);
        checkOpen();
        byte[] stored = shards[router.shardOf(key)].get(key);
        return stored == null ? Optional.empty() : Optional.of(stored.clone());
    }

    /** Removes {@code key}; true if it existed. Returns once the delete is journaled and applied. */
    public boolean delete(String key) {
        return call(new Command.Delete(key, limits.keyUtf8(key))).existed();
    }

    public CompletableFuture<PutResult> putAsync(String key, byte[] value) {
        Command.Put command = new Command.Put(key, limits.keyUtf8(key), limits.copyValue(value));
        PutFuture future = new PutFuture();
        publish(command, future);
        return future;
    }

    /** Completes at once: reads are served from memory without entering the ring. */
    public CompletableFuture<Optional<byte[]>> getAsync(String key) {
        return CompletableFuture.completedFuture(get(key));
    }

    public CompletableFuture<Boolean> deleteAsync(String key) {
        Command.Delete command = new Command.Delete(key, limits.keyUtf8(key));
        DeleteFuture future = new DeleteFuture();
        publish(command, future);
        return future;
    }

    /** Keys, value bytes and journal figures now (see {@link EngineStats}). */
    public EngineStats stats() {
        checkOpen();
        List<Long> perShard = new ArrayList<>(shards.length);
        long keys = 0;
        long bytes = 0;
        for (ShardState s : shards) {
            perShard.add(s.keyCount());
            keys += s.keyCount();
            bytes += s.valueBytes();
        }
        long lastSequence = pipeline == null ? recovery.lastSequence() : pipeline.lastSequence();
        long written = pipeline == null ? 0 : pipeline.journalBytesWritten();
        return new EngineStats(keys, bytes, journal.diskBytes(), written, lastSequence, List.copyOf(perShard));
    }

    private long liveKeys() {
        long keys = 0;
        for (ShardState s : shards) {
            keys += s.keyCount();
        }
        return keys;
    }

    /**
     * Writes a snapshot of the whole state, cut consistently at this point of the command stream, and returns
     * its engine sequence once the file is durable. Writers pause only while each shard copies its references.
     */
    public long checkpoint() {
        if (Pipeline.onStageThread()) {
            throw new IllegalStateException("a checkpoint from an engine thread would wait on itself");
        }
        CompletableFuture<Long> done;
        inFlight.increment();
        try {
            checkOpen();
            checkWritable();
            done = checkpointer.checkpoint();
        } finally {
            inFlight.decrement();
        }
        return join(done);
    }

    /**
     * A digest of the whole state (every key and value), independent of shard count and insertion order: equal
     * states give equal hashes. Exact when no write is in flight; O(keys).
     */
    public long stateHash() {
        checkOpen();
        long hash = 0;
        for (ShardState shard : shards) {
            long[] sum = {0};
            shard.forEach((k, v) -> sum[0] += StateHash.of(k, v));
            hash += sum[0];
        }
        return hash;
    }

    /** What opening this engine replayed. */
    public RecoveryReport recovery() {
        return recovery;
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Completes every command already accepted, stops the engine's threads and releases its files and the
     * directory lock. Idempotent; calls made after it throw {@link IllegalStateException}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pipeline == null) {
            journal.close();
            return;
        }
        while (inFlight.sum() != 0) {
            LockSupport.parkNanos(100_000); // callers that passed the open check are still publishing
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
            journal.close();
            lock.close();
        }
    }

    /** Snapshot writer thread: journal files wholly in the oldest kept snapshot are no longer needed. */
    private void retainJournal(long oldestSnapshotSequence) {
        if (config.journalRetention() && oldestSnapshotSequence > 0) {
            List<Path> deleted = journal.deleteFilesCoveredUpTo(oldestSnapshotSequence);
            if (!deleted.isEmpty()) {
                LOG.info("Journal retention: deleted {} (covered by the snapshot at sequence {})", deleted,
                        oldestSnapshotSequence);
            }
        }
    }

    private void publishCheckpoint(CheckpointCut cut) {
        RuntimeException failure = health.failure();
        if (failure != null) {
            throw failure;
        }
        pipeline.publishCheckpoint(cut);
    }

    private static long join(CompletableFuture<Long> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private SyncReply call(Command.Write command) {
        if (Pipeline.onStageThread()) {
            throw new IllegalStateException("a synchronous write from an engine thread (an observer or a future's"
                    + " callback) would wait on itself; use putAsync/deleteAsync there");
        }
        SyncReply reply = syncReplies.get();
        reply.reset();
        publish(command, reply);
        reply.await();
        return reply;
    }

    private void publish(Command.Write command, io.warpengine.core.Reply reply) {
        int shard = router.shardOf(command.key());
        inFlight.increment();
        try {
            checkOpen();
            checkWritable();
            RuntimeException failure = health.failure();
            if (failure != null) {
                throw failure;
            }
            pipeline.publish(command, shard, reply);
        } finally {
            inFlight.decrement();
        }
    }

    private void checkWritable() {
        if (pipeline == null) {
            throw new IllegalStateException("engine on " + config.dataDir() + " is a read-only view as of sequence "
                    + recovery.lastSequence() + " (opened with openAt); writes and checkpoints are refused");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("engine on " + config.dataDir() + " is closed");
        }
    }

}
