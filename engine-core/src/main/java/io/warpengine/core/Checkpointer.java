package io.warpengine.core;

import io.warpengine.snapshot.CheckpointReport;
import io.warpengine.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Takes fuzzy checkpoints: a snapshot written on its own thread from the live stores while writes go on, so no
 * writer ever waits for a checkpoint ({@link FuzzyCut} states why the result recovers exactly). It also triggers
 * a checkpoint by itself every N journal entries or every T seconds with changes. The entry trigger also waits
 * until the journal since the last snapshot holds at least as many entries as a snapshot is worth: with every
 * value on the heap, one per live key (the file holds every value), so the cost of a snapshot is spread over at
 * least as many writes; with memory tiers, fewer (a value in the deep cache costs the file its location only),
 * which also bounds the journal a recovery replays. One checkpoint runs at a time; a request while one runs gets that one's future.
 */
public final class Checkpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private static final int HISTORY = 64;

    private final SnapshotStore store;
    private final Pipeline pipeline;
    private final ShardSet shards;
    private final LongConsumer retention;
    private final LongSupplier snapshotEntries;
    private final EngineHealth health;
    private final ArrayDeque<CheckpointReport> history = new ArrayDeque<>();
    private final long everyOperations;
    private final long everyNanos;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(daemon("warp-snapshot-writer"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("warp-checkpoint-timer"));
    private CompletableFuture<Long> running;
    private int started;
    private volatile int runningNumber;
    private volatile long lastSnapshotSequence;
    private volatile long lastSnapshotNanos = System.nanoTime();

    /**
     * @param pipeline        where the writes are, and how far they are applied
     * @param shards          what the snapshots hold
     * @param retention       runs after each snapshot is written, with the oldest kept snapshot's sequence: deletes
     *                        what no kept snapshot needs (journal files, retired deep segments)
     * @param snapshotEntries how many journal entries a snapshot is worth now (the entry trigger's floor)
     * @param health          a failed engine takes no checkpoint
     * @param snapshotSequence sequence of the newest snapshot at open (0 when none)
     * @param everyOperations journal entries between automatic checkpoints (at least the live keys); 0 for none
     * @param everySeconds    seconds between automatic checkpoints when anything changed; 0 for none
     */
    public Checkpointer(SnapshotStore store, Pipeline pipeline, ShardSet shards, LongConsumer retention,
                        LongSupplier snapshotEntries, EngineHealth health, long snapshotSequence, long everyOperations, long everySeconds) {
        this.store = store;
        this.health = health;
        this.pipeline = pipeline;
        this.shards = shards;
        this.retention = retention;
        this.snapshotEntries = snapshotEntries;
        this.lastSnapshotSequence = snapshotSequence;
        this.everyOperations = everyOperations;
        this.everyNanos = TimeUnit.SECONDS.toNanos(everySeconds);
        if (everyOperations > 0 || everySeconds > 0) {
            timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts a checkpoint (or joins the running one); completes with its sequence once its file is durable. With
     * no write since the last snapshot it completes at once with that snapshot's sequence (0: empty, no file).
     *
     * @throws IllegalStateException the engine's failure, when it failed: after a failed append or sync its
     *                               journal's tail is uncertain
     */
    public synchronized CompletableFuture<Long> checkpoint() {
        if (running != null && !running.isDone()) {
            return running;
        }
        RuntimeException failure = health.failure();
        if (failure != null) {
            throw failure; // the journal's tail is uncertain (see EngineHealth): snapshot nothing
        }
        if (pipeline.lastSequence() == lastSnapshotSequence) {
            return CompletableFuture.completedFuture(lastSnapshotSequence); // nothing changed since the last one
        }
        CompletableFuture<Long> done = new CompletableFuture<>();
        int number = ++started;
        writer.execute(() -> persist(number, new FuzzyCut(pipeline, shards), done));
        running = done;
        return running;
    }

    /** Sequence of the newest snapshot written (or loaded at open); 0 when none. */
    public long lastSnapshotSequence() {
        return lastSnapshotSequence;
    }

    /** The newest checkpoints written by this engine, oldest first (at most {@value #HISTORY}). */
    public synchronized List<CheckpointReport> history() {
        return List.copyOf(history);
    }

    /** The number of the checkpoint being written now ({@link CheckpointReport#number()}), or 0. */
    public int runningNumber() {
        return runningNumber;
    }

    private void persist(int number, FuzzyCut cut, CompletableFuture<Long> done) {
        runningNumber = number;
        long start = System.nanoTime();
        long startMicros = MicrosClock.wallMicros();
        try {
            SnapshotStore.Written written = store.write(cut);
            RuntimeException failure = health.failure();
            if (failure != null) {
                // Nothing written after the engine failed is kept, as no checkpoint is started after it.
                Files.deleteIfExists(written.file());
                throw failure;
            }
            long nanos = System.nanoTime() - start;
            lastSnapshotSequence = cut.sequence();
            lastSnapshotNanos = System.nanoTime();
            record(new CheckpointReport(number, cut.sequence(), cut.endSequence(), written.entries(), startMicros, nanos));
            LOG.info("Checkpoint at sequence {} (fuzzy to {}): {} keys written in {} ms", cut.sequence(),
                    cut.endSequence(), written.entries(), nanos / 1_000_000);
            done.complete(cut.sequence());
            retention.accept(store.oldestSequence());
        } catch (RuntimeException | IOException e) {
            LOG.error("Checkpoint at sequence {} failed", cut.sequence(), e);
            done.completeExceptionally(e);
        } finally {
            runningNumber = 0;
        }
    }

    private synchronized void record(CheckpointReport report) {
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(report);
    }

    private void tick() {
        long changes = pipeline.lastSequence() - lastSnapshotSequence;
        if (due(changes, snapshotEntries.getAsLong(), everyOperations, System.nanoTime() - lastSnapshotNanos, everyNanos)) {
            try {
                checkpoint();
            } catch (IllegalStateException closedOrFailed) {
                // the engine is closing or failed: nothing to checkpoint from
            }
        }
    }

    /** Whether an automatic checkpoint is due after {@code changes} entries and {@code sinceNanos} since the last. */
    static boolean due(long changes, long snapshotEntries, long everyOperations, long sinceNanos, long everyNanos) {
        return (everyOperations > 0 && changes >= Math.max(everyOperations, snapshotEntries))
                || (everyNanos > 0 && changes > 0 && sinceNanos >= everyNanos);
    }

    /** Stops the automatic trigger; after it returns no automatic checkpoint is being published. */
    public void stopTimer() {
        timer.shutdownNow();
        await(timer, 1, "checkpoint timer");
    }

    /** Stops the automatic trigger and waits for a snapshot being written. */
    @Override
    public void close() {
        stopTimer();
        writer.shutdown();
        await(writer, 10, "snapshot writer");
    }

    private static void await(ExecutorService executor, long minutes, String what) {
        try {
            if (!executor.awaitTermination(minutes, TimeUnit.MINUTES)) {
                LOG.warn("The {} did not finish within {} minutes", what, minutes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
