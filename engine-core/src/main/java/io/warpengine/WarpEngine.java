package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.core.CallGate;
import io.warpengine.core.InputLimits;
import io.warpengine.core.Reply;
import io.warpengine.core.SyncReply;
import io.warpengine.snapshot.CheckpointReport;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An embedded key-value engine: writes are journaled to a write-ahead log before they are acknowledged, and
 * {@link #open} rebuilds the state by replaying that log. Thread-safe; open one engine per data directory.
 *
 * <p>Consistency: a {@code get} that starts after a {@code put} or {@code delete} of the same key returned
 * sees that write or a later one, from any thread, and never a write that is not journaled. Arrays passed in
 * are copied and arrays returned are copies.
 *
 * <p>There is no writer thread: the caller that finds the writer role free journals and applies every pending
 * write, its own and other callers' (see {@code Pipeline}). So an async variant's future usually completes
 * before the call returns, or on another caller's thread; dependent stages registered without an executor run
 * there, so keep them short or use the {@code *Async} forms with an executor. Invalid arguments throw at once
 * from every variant.
 */
public final class WarpEngine implements EngineReader {

    /** Sub-directory of the data directory that holds the journal. */
    public static final String JOURNAL_DIR = "journal";
    /** Sub-directory of the data directory that holds the snapshots. */
    public static final String SNAPSHOT_DIR = "snapshots";
    /** Sub-directory of the data directory where damaged journal files are kept after their tail was cut. */
    public static final String JOURNAL_BACKUP_DIR = "journal-backup";

    private final EngineAssembly engine;
    private final InputLimits limits;
    private final CallGate gate;
    private final KeyReads reads;
    private final ThreadLocal<SyncReply> syncReplies;

    private WarpEngine(EngineAssembly engine) {
        this.engine = engine;
        EngineConfig config = engine.config;
        this.limits = new InputLimits(config.maxKeyBytes(), config.maxValueBytes());
        this.gate = new CallGate("engine on " + config.dataDir());
        this.reads = new KeyReads(limits, engine.shards, engine.journal, gate, config.readObservers(),
                engine.pipeline::atOnePoint);
        long spinNanos = config.replySpinMicros() * 1000L;
        long yieldNanos = config.replyYieldMicros() * 1000L;
        this.syncReplies = ThreadLocal.withInitial(() -> new SyncReply(spinNanos, yieldNanos));
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
        return new WarpEngine(new EngineAssembly(config));
    }

    /**
     * Opens a read-only view of the state as of {@code target} (point-in-time recovery): the newest snapshot at
     * or before it, then the journal up to it. It takes no lock and changes nothing on disk, so it may run beside
     * the engine that owns the directory.
     */
    public static EngineView openAt(EngineConfig config, RecoveryTarget target) {
        return EngineView.open(config, target);
    }

    /** Stores {@code value} under {@code key}; returns once the write is journaled and applied. */
    public PutResult put(String key, byte[] value) {
        SyncReply reply = call(new Command.Put(checkedKey(key), limits.copyValue(value)));
        return new PutResult(reply.sequence(), reply.shard());
    }

    @Override
    public Optional<byte[]> get(String key) {
        return reads.get(key);
    }

    /** Removes {@code key}; true if it existed. Returns once the delete is journaled and applied. */
    public boolean delete(String key) {
        return call(new Command.Delete(checkedKey(key))).existed();
    }

    public CompletableFuture<PutResult> putAsync(String key, byte[] value) {
        PutFuture future = new PutFuture();
        publish(new Command.Put(checkedKey(key), limits.copyValue(value)), future);
        return future;
    }

    public CompletableFuture<Boolean> deleteAsync(String key) {
        DeleteFuture future = new DeleteFuture();
        publish(new Command.Delete(checkedKey(key)), future);
        return future;
    }

    /**
     * The values of those {@code keys} that hold one, read at one point of the engine's sequence: no write
     * (and no part of a {@link #batch() batch}) applied after some of them and before others. Absent keys are
     * left out; the map iterates in the order of {@code keys}.
     */
    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        return reads.getAll(keys);
    }

    /** Starts an atomic batch of writes: see {@link Batch}. */
    public Batch batch() {
        return new Batch(this, limits, engine.config.batchMaxWrites(), engine.config.batchMaxBytes());
    }

    @Override
    public EngineStats stats() {
        return reads.stats(engine.pipeline.lastSequence());
    }

    /**
     * Writes a snapshot of the whole state and returns its engine sequence once the file is durable: recovery
     * then replays only the journal after it. Every write that returned before this call is in it. Writers do not
     * pause: the snapshot is fuzzy (later writes may be in it too; replaying from its sequence converges).
     */
    public long checkpoint() {
        CompletableFuture<Long> done;
        gate.enter();
        try {
            done = engine.checkpointer.checkpoint();
        } finally {
            gate.exit();
        }
        return EngineAssembly.join(done);
    }

    /** The newest checkpoints this engine wrote since it opened, oldest first: what each held and took. */
    public List<CheckpointReport> checkpoints() {
        return engine.checkpointer.history();
    }

    /** The {@link CheckpointReport#number() number} of the checkpoint being written right now, or 0 if none is. */
    public int runningCheckpoint() {
        return engine.checkpointer.runningNumber();
    }

    @Override
    public long stateHash() {
        return reads.stateHash();
    }

    @Override
    public RecoveryReport recovery() {
        return engine.recovery;
    }

    @Override
    public EngineConfig config() {
        return engine.config;
    }

    /**
     * Completes every command already accepted, stops the engine's threads and releases its files and the
     * directory lock. Idempotent; calls made after it throw {@link IllegalStateException}.
     */
    @Override
    public synchronized void close() {
        if (gate.closeAndDrain()) {
            engine.close();
        }
    }

    SyncReply call(Command command) {
        SyncReply reply = syncReplies.get();
        gate.enter();
        try {
            checkHealthy();
            engine.pipeline.call(command, reply);
        } finally {
            gate.exit();
        }
        return reply;
    }

    void publish(Command command, Reply reply) {
        gate.enter();
        try {
            checkHealthy();
            engine.pipeline.publish(command, reply);
        } finally {
            gate.exit();
        }
    }

    private String checkedKey(String key) {
        limits.checkKey(key);
        return key;
    }

    private void checkHealthy() {
        RuntimeException failure = engine.health.failure();
        if (failure != null) {
            throw failure;
        }
    }
}
