package io.warpengine.core;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.warpengine.command.Command;
import io.warpengine.command.CommandObserver;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole write path, wired in one place:
 * <pre>
 *   callers (any threads) --publish--> ring (multi-producer Disruptor)
 *       stage 1  JournalHandler      assigns the engine sequence, appends to the command log (msync per batch in power mode)
 *       stage 2  ShardHandler x N    after stage 1: the single writer of each shard applies, then releases the caller
 *       stage 3  ObserverHandler     after every shard: downstream observers (physics), off the callers' path
 * </pre>
 * With one shard, stages 1 and 2 share a thread ({@link JournalThenApplyHandler}): measured on 2 cores, the
 * extra hop between two handler threads cut synchronous throughput several-fold.
 * Reads do not enter the ring: a shard's store serves them directly (see {@link ShardStore}).
 */
public final class Pipeline {

    private static final String THREAD_PREFIX = "warp-stage-";

    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final JournalHandler journalHandler;
    private final CommandLog log;
    private final EngineHealth health;

    /**
     * Starts the handler threads.
     *
     * @param lastSequence sequence of the newest entry in {@code log}: the next command gets the one after it
     */
    public Pipeline(int ringSize, WaitStrategy waitStrategy, CommandLog log, long lastSequence, ShardSet shards,
                    List<CommandObserver> observers, EngineHealth health) {
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, new NamedThreads(), ProducerType.MULTI, waitStrategy);
        disruptor.setDefaultExceptionHandler(new FailingExceptionHandler(health));
        this.log = log;
        this.health = health;
        journalHandler = new JournalHandler(log, lastSequence, health);
        boolean shardsAreLast = observers.isEmpty();
        ShardHandler[] shardHandlers = new ShardHandler[shards.count()];
        for (int i = 0; i < shardHandlers.length; i++) {
            shardHandlers[i] = new ShardHandler(i, shards.store(i), health, shardsAreLast);
        }
        EventHandlerGroup<CommandSlot> applied;
        if (shardHandlers.length == 1) {
            applied = disruptor.handleEventsWith(
                    new JournalThenApplyHandler(journalHandler, shardHandlers[0], disruptor.getRingBuffer()));
        } else {
            applied = disruptor.handleEventsWith(journalHandler).then(shardHandlers);
        }
        if (!shardsAreLast) {
            applied.then(new ObserverHandler(observers));
        }
        ring = disruptor.start();
    }

    /**
     * Puts a command on the ring; blocks only while the ring is full. On an engine thread (a future's callback)
     * a full ring fails instead: waiting there would wait on the thread that frees the ring.
     */
    public void publish(Command.Write command, int shard, Reply reply) {
        long seq = claim();
        CommandSlot slot = ring.get(seq);
        slot.command = command;
        slot.checkpoint = null;
        slot.shard = shard;
        slot.reply = reply;
        slot.journalFailure = null;
        slot.existed = false;
        ring.publish(seq);
    }

    /**
     * Puts a checkpoint on the ring: every shard captures its state when it reaches it.
     *
     * @throws IllegalStateException the engine's failure, when it failed: its state may be ahead of its journal
     */
    public void publishCheckpoint(CheckpointCut cut) {
        RuntimeException failure = health.failure();
        if (failure != null) {
            throw failure;
        }
        long seq = claim();
        CommandSlot slot = ring.get(seq);
        slot.command = null;
        slot.checkpoint = cut;
        slot.reply = null;
        slot.journalFailure = null;
        ring.publish(seq);
    }

    private long claim() {
        long seq;
        if (onStageThread()) {
            try {
                seq = ring.tryNext();
            } catch (InsufficientCapacityException e) {
                throw new IllegalStateException("the ring is full and this engine thread cannot wait for it;"
                        + " issue writes from an engine callback with an executor, or raise ring.size");
            }
        } else {
            seq = ring.next();
        }
        return seq;
    }

    /** Sequence of the newest journaled entry. */
    public long lastSequence() {
        return journalHandler.lastSequence();
    }

    /** Bytes appended to the journal since this pipeline started. */
    public long journalBytesWritten() {
        return log.bytesAppended();
    }

    /** Processes every published command, then stops the handler threads. */
    public void shutdown() {
        disruptor.shutdown();
    }

    /** True on the engine's own handler threads, where a synchronous write would wait on itself. */
    public static boolean onStageThread() {
        return Thread.currentThread() instanceof StageThread;
    }

    private static final class StageThread extends Thread {
        StageThread(Runnable r, String name) {
            super(r, name);
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            // Daemon: an engine that was never closed must not keep the JVM alive; its journal is already durable.
            Thread t = new StageThread(r, THREAD_PREFIX + count.getAndIncrement());
            t.setDaemon(true);
            return t;
        }
    }
}
