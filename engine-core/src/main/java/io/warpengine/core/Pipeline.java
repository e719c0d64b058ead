package io.warpengine.core;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import io.warpengine.CommandObserver;
import io.warpengine.WaitStrategyKind;
import io.warpengine.command.Command;
import io.warpengine.journal.JournalWriter;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole write path, wired in one place:
 * <pre>
 *   callers (any threads) --publish--> ring (multi-producer Disruptor)
 *       stage 1  JournalHandler      assigns the engine sequence, appends to the journal (msync per batch in power mode)
 *       stage 2  ShardHandler x N    after stage 1: the single writer of each shard applies, then releases the caller
 *       stage 3  ObserverHandler     after every shard: downstream observers (physics), off the callers' path
 * </pre>
 * With one shard, stages 1 and 2 share a thread ({@link JournalThenApplyHandler}): measured on 2 cores, the
 * extra hop between two handler threads cut synchronous throughput several-fold.
 * Reads do not enter the ring: a shard's map serves them directly (see {@link ShardState}).
 */
public final class Pipeline {

    private static final String THREAD_PREFIX = "warp-stage-";

    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final JournalHandler journalHandler;
    private final JournalWriter writer;

    public Pipeline(int ringSize, WaitStrategyKind waitStrategy, JournalWriter writer, long lastSequence,
                    ShardState[] shards, List<CommandObserver> observers, EngineHealth health) {
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, new NamedThreads(), ProducerType.MULTI,
                waitStrategy(waitStrategy));
        disruptor.setDefaultExceptionHandler(new FailingExceptionHandler(health));
        this.writer = writer;
        journalHandler = new JournalHandler(writer, lastSequence, health);
        boolean shardsAreLast = observers.isEmpty();
        ShardHandler[] shardHandlers = new ShardHandler[shards.length];
        for (int i = 0; i < shards.length; i++) {
            shardHandlers[i] = new ShardHandler(i, shards[i], health, shardsAreLast);
        }
        EventHandlerGroup<CommandSlot> applied;
        if (shards.length == 1) {
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
        publish((Command) command, shard, reply);
    }

    /** Puts a checkpoint on the ring: every shard captures its state when it reaches it. */
    public void publishCheckpoint(CheckpointCut cut) {
        publish(new Command.Checkpoint(cut), CommandSlot.ALL_SHARDS, null);
    }

    private void publish(Command command, int shard, Reply reply) {
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
        CommandSlot slot = ring.get(seq);
        slot.command = command;
        slot.shard = shard;
        slot.reply = reply;
        slot.journalFailure = null;
        slot.existed = false;
        ring.publish(seq);
    }

    /** Sequence of the newest journaled entry. */
    public long lastSequence() {
        return journalHandler.lastSequence();
    }

    /** Bytes appended to the journal since this pipeline started. */
    public long journalBytesWritten() {
        return writer.bytesAppended();
    }

    /** Processes every published command, then stops the handler threads. */
    public void shutdown() {
        disruptor.shutdown();
    }

    /** A new wait strategy of {@code kind}, as the engine's handlers get it (public for the ring benchmark). */
    public static WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case PHASED -> new PhasedWaitStrategy(TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
            case YIELDING -> new YieldingWaitStrategy();
        };
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
