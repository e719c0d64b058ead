package io.warpengine.core;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * The one-shard layout: the journal stage and the shard stage run on one thread, batch by batch: every command
 * of a batch is appended (and msynced at its end in power mode), then every command is applied and released.
 * The same rule as the staged layout (apply only after journaled), with one thread hop instead of two: on a
 * machine with few cores a hop between handler threads costs more than the work of either stage.
 */
final class JournalThenApplyHandler implements EventHandler<CommandSlot> {

    private final JournalHandler journal;
    private final ShardHandler shard;
    private final RingBuffer<CommandSlot> ring;
    private long batchSize;

    JournalThenApplyHandler(JournalHandler journal, ShardHandler shard, RingBuffer<CommandSlot> ring) {
        this.journal = journal;
        this.shard = shard;
        this.ring = ring;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        this.batchSize = batchSize;
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        journal.onEvent(slot, sequence, endOfBatch);
        if (endOfBatch) {
            for (long s = sequence - batchSize + 1; s <= sequence; s++) {
                shard.onEvent(ring.get(s), s, s == sequence);
            }
        }
    }
}
