package io.warpengine.core;

import com.lmax.disruptor.EventHandler;
import io.warpengine.command.Command;

/**
 * Stage 2 of the ring, one per shard, each on its own thread: the single writer of its shard. It sees a slot
 * only after the journal stage has passed it, so a value becomes readable only once its entry is journaled;
 * it applies the commands of its shard and releases their callers, and captures its store at a checkpoint.
 */
final class ShardHandler implements EventHandler<CommandSlot>, Command.Visitor<Boolean> {

    private final int shard;
    private final ShardStore store;
    private final EngineHealth health;
    private final boolean lastStage;

    ShardHandler(int shard, ShardStore store, EngineHealth health, boolean lastStage) {
        this.shard = shard;
        this.store = store;
        this.health = health;
        this.lastStage = lastStage;
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.checkpoint != null) {
            capture(slot.checkpoint, slot.journalFailure != null ? slot.journalFailure : health.failure());
            return;
        }
        if (slot.shard != shard) {
            return;
        }
        RuntimeException failure = slot.journalFailure != null ? slot.journalFailure : health.failure();
        Reply reply = slot.reply;
        if (failure != null) {
            reply.fail(failure);
        } else {
            try {
                slot.existed = slot.command.accept(this);
            } catch (Throwable e) { // even an Error must release this caller and fail the ones after it
                reply.fail(health.fail("shard " + shard + " could not apply sequence " + slot.sequence, e));
                return;
            }
            reply.complete(slot.sequence, shard, slot.existed);
        }
        if (lastStage) {
            slot.clear(); // nobody downstream needs the command: do not keep its value alive in the ring
        }
    }

    @Override
    public Boolean put(Command.Put put) {
        return store.put(put.key(), put.value());
    }

    @Override
    public Boolean delete(Command.Delete delete) {
        return store.remove(delete.key());
    }

    private void capture(CheckpointCut cut, RuntimeException failure) {
        if (failure != null) {
            cut.done().completeExceptionally(failure);
            return;
        }
        try {
            cut.capture(shard, store);
        } catch (Throwable e) {
            cut.done().completeExceptionally(health.fail("shard " + shard + " could not capture a checkpoint", e));
        }
    }
}
