package io.warpengine.core;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import io.warpengine.command.Command;
import io.warpengine.command.CommandObserver;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The whole write path, wired in one place:
 * <pre>
 *   callers (any threads) --publish--> ring (multi-producer Disruptor ring: the queue of pending commands)
 *       WriterRole      taken by a publishing caller: assigns engine sequences, appends to the command log
 *                       (msync per batch in power mode), applies to the shard stores, releases the callers
 *       ObserverHandler on its own thread, after the role: downstream observers (physics), off the callers' path
 * </pre>
 * There is no writer thread: the ring holds commands until a caller in the writer role processes them. Reads do
 * not enter the ring: a shard's store serves them directly (see {@link ShardStore}).
 */
public final class Pipeline {

    private final RingBuffer<CommandSlot> ring;
    private final Sequence applied = new Sequence();
    private final WriterRole role;
    private final BatchEventProcessor<CommandSlot> observerStage;
    private final Thread observerThread;

    /**
     * Starts the observer thread when there are observers.
     *
     * @param lastSequence sequence of the newest entry in {@code log}: the next command gets the one after it
     * @param waitStrategy how the observer thread waits for applied commands
     * @param clock        the time of journal entries, and so of expiry as commands apply
     */
    public Pipeline(int ringSize, WaitStrategy waitStrategy, CommandLog log, long lastSequence, ShardSet shards,
                    List<CommandObserver> observers, EngineHealth health, Clock clock) {
        ring = RingBuffer.createMultiProducer(CommandSlot::new, ringSize, waitStrategy);
        boolean observed = !observers.isEmpty();
        role = new WriterRole(ring, applied, log, lastSequence, shards, health, observed,
                waitStrategy::signalAllWhenBlocking, clock);
        if (observed) {
            observerStage = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(applied),
                    new ObserverHandler(observers));
            observerStage.setExceptionHandler(new FailingExceptionHandler(health));
            ring.addGatingSequences(observerStage.getSequence());
            observerThread = new StageThread(observerStage, "warp-observers");
            observerThread.start();
        } else {
            observerStage = null;
            observerThread = null;
            ring.addGatingSequences(applied);
        }
    }

    /**
     * Puts a command on the ring and takes the writer role if it is free, so the command is usually done when
     * this returns; blocks only while the ring is full. Where waiting for the ring could wait on this thread
     * itself (the observer thread, or a future's callback while this thread releases callers), a full ring fails.
     */
    public void publish(Command command, Reply reply) {
        long seq = claim();
        CommandSlot slot = ring.get(seq);
        slot.command = command;
        slot.reply = reply;
        slot.journalFailure = null;
        slot.existed = false;
        ring.publish(seq);
        role.lead();
    }

    /** Publishes {@code command} and returns once it is journaled and applied (or failed: then rethrows). */
    public void call(Command command, SyncReply reply) {
        reply.reset();
        publish(command, reply);
        reply.await(role);
    }

    private long claim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            if (Thread.currentThread() instanceof StageThread || role.releasingOnThisThread()) {
                throw new IllegalStateException("the ring is full and this engine thread cannot wait for it;"
                        + " issue writes from an engine callback with an executor, or raise ring.size");
            }
            return ring.next(); // the role's holder frees slots; every published slot has one (see WriterRole)
        }
    }

    /**
     * Runs a multi-key read of the stores at one point of the engine's sequence: no round of writes (and so no
     * part of a batch) is applied while it reads. {@code read} may run more than once.
     */
    public <T> T atOnePoint(Supplier<T> read) {
        return role.atOnePoint(read);
    }

    /** Sequence of the newest journaled entry. */
    public long lastSequence() {
        return role.lastSequence();
    }

    /** Every entry up to this sequence is applied to the stores: a fuzzy checkpoint's starting point. */
    public long appliedSequence() {
        return role.appliedSequence();
    }

    /** Wall-clock time of the entry at {@link #lastSequence()} (or later), µs since the epoch. */
    public long lastTimestampMicros() {
        return role.lastTimestampMicros();
    }

    /** Wall-clock time of the entry at {@link #appliedSequence()} (or later), µs since the epoch. */
    public long appliedTimestampMicros() {
        return role.appliedTimestampMicros();
    }

    /**
     * Processes every published command (with no caller left publishing), then stops the observer thread once
     * it has seen them all.
     */
    public void shutdown() {
        while (role.pending()) {
            role.lead();
            Thread.onSpinWait(); // another caller may still hold the role for its last round
        }
        if (observerStage != null) {
            while (observerStage.getSequence().get() < applied.get()) {
                LockSupport.parkNanos(100_000);
            }
            observerStage.halt();
            try {
                observerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The observer thread: an observer may write, but must not wait for ring space it holds itself. */
    private static final class StageThread extends Thread {
        StageThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true); // an engine that was never closed must not keep the JVM alive; its journal is durable
        }
    }
}
