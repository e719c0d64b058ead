package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.core.CallGate;
import io.warpengine.core.InputLimits;
import io.warpengine.core.Reply;
import io.warpengine.core.RoutingTable;
import io.warpengine.core.SyncReply;
import io.warpengine.snapshot.CheckpointReport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

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
    /** Sub-directory of the data directory that holds the deep cache's segment files (memory tiers). */
    public static final String DEEP_DIR = "deep";
    /** Sub-directory of the data directory where damaged journal files are kept after their tail was cut. */
    public static final String JOURNAL_BACKUP_DIR = "journal-backup";

    private final EngineAssembly engine;
    private final InputLimits limits;
    private final CallGate gate;
    private final KeyReads reads;
    private final QuantumReads quantumReads;
    /** Entangle and disentangle calls take it, so that the fan-out check sees every change before its own. */
    private final Object entanglementLock = new Object();
    private final ThreadLocal<SyncReply> syncReplies;
    /** Closes the engine when the JVM shuts down ({@code shutdown.hook}); null when not asked for. */
    private final Thread shutdownHook;

    private WarpEngine(EngineAssembly engine) {
        this.engine = engine;
        EngineConfig config = engine.config;
        this.limits = new InputLimits(config.maxKeyBytes(), config.maxValueBytes());
        this.gate = new CallGate("engine on " + config.dataDir());
        this.reads = new KeyReads(limits, engine.shards, engine.journal, gate, config.readObservers(),
                engine.pipeline::atOnePoint);
        this.quantumReads = new QuantumReads(limits, engine.shards, gate, engine.pipeline::atOnePoint, config);
        long spinNanos = config.replySpinMicros() * 1000L;
        long yieldNanos = config.replyYieldMicros() * 1000L;
        this.syncReplies = ThreadLocal.withInitial(() -> new SyncReply(spinNanos, yieldNanos));
        this.shutdownHook = config.shutdownHook() ? new Thread(this::close, "warp-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
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
        return open(config, StorageSeams.REAL);
    }

    /** As {@link #open(EngineConfig)}, on the given seams to the disk (the fault tests' failing ones). */
    static WarpEngine open(EngineConfig config, StorageSeams seams) {
        return new WarpEngine(new EngineAssembly(config, seams));
    }

    /**
     * Why the engine stopped accepting writes (a failed journal append or sync, or a failed apply), or empty while
     * it is healthy. Once failed it stays failed: reads go on, every write fails with this cause, and reopening
     * the directory recovers every acknowledged write.
     */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(engine.health.failure());
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
        return new PutResult(reply.sequence(), reply.shard(), reply.logicalShard());
    }

    /**
     * Stores {@code value} under {@code key} and gives the key {@code options} (journaled with the value, kept until
     * the key's next put or delete; see {@link PutOptions}); returns once the write is journaled and applied.
     */
    public PutResult put(String key, byte[] value, PutOptions options) {
        SyncReply reply = call(checkedPut(key, value, options, 0));
        return new PutResult(reply.sequence(), reply.shard(), reply.logicalShard());
    }

    /**
     * Stores {@code value} under {@code key}, to expire {@code ttl} from now (by the engine's clock): from then on
     * reads treat the key as absent, and a journaled reap deletes it (see {@code expiry.reap.millis}). Like any
     * put, a later put of the key without an expiry makes it permanent again.
     *
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    public PutResult putWithTtl(String key, byte[] value, Duration ttl) {
        return putWithExpiry(key, value, PutOptions.DEFAULT, ExpiryTimes.after(engine.config.clock().millis(), ttl));
    }

    /** As {@link #putWithTtl}, with put options, expiring at {@code expiresAt} (a time already past: at once). */
    public PutResult putWithExpiry(String key, byte[] value, PutOptions options, Instant expiresAt) {
        return putWithExpiry(key, value, options, ExpiryTimes.at(expiresAt));
    }

    private PutResult putWithExpiry(String key, byte[] value, PutOptions options, long expiresAtMillis) {
        SyncReply reply = call(checkedPut(key, value, options, expiresAtMillis));
        return new PutResult(reply.sequence(), reply.shard(), reply.logicalShard());
    }

    /** As {@link #putWithExpiry}, completing the future when the put is acknowledged. */
    public CompletableFuture<PutResult> putWithExpiryAsync(String key, byte[] value, PutOptions options,
                                                           Instant expiresAt) {
        PutFuture future = new PutFuture();
        publish(checkedPut(key, value, options, ExpiryTimes.at(expiresAt)), future);
        return future;
    }

    /**
     * Makes {@code key} expire {@code ttl} from now (zero or negative: at once); true if the key existed (and had
     * not expired) and now expires. Journaled.
     */
    public boolean expire(String key, Duration ttl) {
        return call(new Command.Expire(checkedKey(key), ExpiryTimes.afterAllowingPast(engine.config.clock().millis(),
                ttl))).existed();
    }

    /** Makes {@code key} expire at {@code when} (a time already past: at once); true if the key existed. */
    public boolean expireAt(String key, Instant when) {
        return call(new Command.Expire(checkedKey(key), ExpiryTimes.at(when))).existed();
    }

    /** As {@link #expireAt}, completing the future when the change is acknowledged. */
    public CompletableFuture<Boolean> expireAtAsync(String key, Instant when) {
        ChangedFuture future = new ChangedFuture();
        publish(new Command.Expire(checkedKey(key), ExpiryTimes.at(when)), future);
        return future;
    }

    /** Removes {@code key}'s expiry, so that it never expires; true if it had one (and had not expired). */
    public boolean persist(String key) {
        return call(new Command.Expire(checkedKey(key), 0)).existed();
    }

    /** As {@link #persist}, completing the future when the change is acknowledged. */
    public CompletableFuture<Boolean> persistAsync(String key) {
        ChangedFuture future = new ChangedFuture();
        publish(new Command.Expire(checkedKey(key), 0), future);
        return future;
    }

    @Override
    public KeyTtl ttl(String key) {
        return reads.ttl(key);
    }

    /** The put options {@code key} was last put with ({@link PutOptions#DEFAULT} for a plain put); empty if absent. */
    public Optional<PutOptions> options(String key) {
        return getWithMetadata(key).map(KeyMetadata::options);
    }

    @Override
    public Optional<KeyMetadata> getWithMetadata(String key) {
        return reads.getWithMetadata(key);
    }

    @Override
    public ShardPlacement placement() {
        return reads.placement();
    }

    @Override
    public int logicalShardOf(String key) {
        return reads.logicalShardOf(key);
    }

    /**
     * Gives {@code logicalShard} to {@code writer}: journaled (a PLACE entry), and its keys move to that writer's
     * store within one round of writes (a pass over the old owner's keys, during which writes wait), so no read
     * misses a key and no multi-key read sees a half-moved shard. Placing a shard on its owner journals nothing new
     * to move. Returns the PLACE entry's sequence.
     *
     * @throws IllegalArgumentException when there is no such logical shard or writer
     */
    public long placeShard(int logicalShard, int writer) {
        RoutingTable routing = engine.shards.routing();
        if (logicalShard < 0 || logicalShard >= routing.logicalShards()) {
            throw new IllegalArgumentException("no logical shard " + logicalShard + ": there are "
                    + routing.logicalShards() + " (setting logical.shards), numbered from 0");
        }
        if (writer < 0 || writer >= routing.writers()) {
            throw new IllegalArgumentException("no writer " + writer + ": there are " + routing.writers()
                    + " (setting shards), numbered from 0");
        }
        return call(new Command.Place(routing.logicalShards(), routing.writers(), logicalShard, writer)).sequence();
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
        ChangedFuture future = new ChangedFuture();
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

    /**
     * The value of {@code key} and the values of the keys entangled with it, declared ({@link #entangle}) or derived
     * by the pattern rules ({@link EngineConfig#entangleRules()}), of at least {@link
     * EngineConfig#quantumMinStrength()} strength, strongest first, at most {@link
     * EngineConfig#quantumMaxEntangled()}: every value as of one point of the engine's sequence (no write, and no
     * part of a batch, applied after some of them and before others).
     */
    @Override
    public QuantumResult quantumGet(String key) {
        return quantumReads.read(key);
    }

    /**
     * {@link #quantumGet} as a future. The read never waits for a write (it retries, or at worst takes the writer
     * role for one read), so it runs on the calling thread and the future is complete when returned.
     */
    public CompletableFuture<QuantumResult> quantumGetAsync(String key) {
        return CompletableFuture.completedFuture(quantumGet(key));
    }

    /**
     * Entangles {@code primary} with each of {@code related} at {@code strength}: {@link #quantumGet} of
     * {@code primary} then reads them too. Journaled, so it survives restarts; a pair entangled again takes the new
     * strength. Entanglement is one-way (from the primary) and does not need the keys to exist.
     *
     * @throws IllegalArgumentException when {@code strength} is not in (0, 1], {@code related} is empty or holds
     *                                  {@code primary}, a key is invalid, or {@code primary} would be entangled
     *                                  with more than {@link EngineConfig#entangleMaxRelated()} keys
     */
    public void entangle(String primary, Collection<String> related, double strength) {
        List<String> keys = checkedRelated(primary, related, "entangle");
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("entanglement strength must be greater than 0 and at most 1, got "
                    + strength);
        }
        synchronized (entanglementLock) {
            int after = engine.shards.entanglements().countWith(primary, keys);
            if (after > engine.config.entangleMaxRelated()) {
                throw new IllegalArgumentException("'" + primary + "' would be entangled with " + after
                        + " keys, more than the limit of " + engine.config.entangleMaxRelated()
                        + " (setting entangle.max.related); disentangle some first or raise the limit");
            }
            call(new Command.Entangle(primary, keys, (float) strength));
        }
    }

    /** Removes the entanglements of {@code primary} with each of {@code related} (pairs not entangled are ignored). */
    public void disentangle(String primary, Collection<String> related) {
        List<String> keys = checkedRelated(primary, related, "disentangle");
        synchronized (entanglementLock) {
            call(new Command.Disentangle(primary, keys));
        }
    }

    /** Starts an atomic batch of writes: see {@link Batch}. */
    public Batch batch() {
        return new Batch(this, limits, engine.config.batchMaxWrites(), engine.config.batchMaxBytes());
    }

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
        return reads.stats(engine.pipeline.lastSequence(), engine.tiers);
    }

    /**
     * Writes a snapshot of the whole state and returns its engine sequence once the file is durable: recovery
     * then replays only the journal after it. Every write that returned before this call is in it. Writers do not
     * pause: the snapshot is fuzzy (later writes may be in it too; replaying from its sequence converges).
     */
    public long checkpoint() {
        // Every write that returned before this call is applied: journaled entries still being applied need not be in
        long wanted = engine.pipeline.appliedSequence();
        long sequence;
        do { // a checkpoint already running may have started before those writes: then one more
            CompletableFuture<Long> done;
            gate.enter();
            try {
                done = engine.checkpointer.checkpoint();
            } finally {
                gate.exit();
            }
            sequence = EngineAssembly.join(done);
        } while (sequence < wanted);
        return sequence;
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
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is shutting down: the hook finds the engine closed
                }
            }
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

    /** A put of a checked key, a copy of {@code value}, checked options and an expiry time (0: never). */
    private Command.Put checkedPut(String key, byte[] value, PutOptions options, long expiresAtMillis) {
        String checked = checkedKey(key);
        byte[] copy = limits.copyValue(value);
        if (options == null) {
            throw new IllegalArgumentException("put options must not be null (use PutOptions.DEFAULT)");
        }
        return new Command.Put(checked, copy, options, expiresAtMillis);
    }

    /** {@code related} checked and without repeats, in its order. */
    private List<String> checkedRelated(String primary, Collection<String> related, String what) {
        limits.checkKey(primary);
        if (related == null || related.isEmpty()) {
            throw new IllegalArgumentException("cannot " + what + " '" + primary + "' with no keys");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String key : related) {
            limits.checkKey(key);
            if (key.equals(primary)) {
                throw new IllegalArgumentException("cannot " + what + " '" + primary + "' with itself");
            }
            keys.add(key);
        }
        if (keys.size() > engine.config.entangleMaxRelated()) {
            throw new IllegalArgumentException("cannot " + what + " '" + primary + "' with " + keys.size()
                    + " keys in one call: the limit is " + engine.config.entangleMaxRelated()
                    + " (setting entangle.max.related)");
        }
        return List.copyOf(keys);
    }

    private void checkHealthy() {
        RuntimeException failure = engine.health.failure();
        if (failure != null) {
            throw failure;
        }
    }
}
