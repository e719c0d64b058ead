package io.warpengine.core;

import com.lmax.disruptor.EventHandler;
import io.warpengine.command.Command;

/**
 * Stage 2 of the ring, one per shard, each on its own thread: the single writer of its shard. It sees a slot
 * only after the journal stage has passed it, so a value becomes readable only once its entry is journaled;
 * it applies the commands of its shard and releases their callers.
 */
final class ShardHandler implements EventHandler<CommandSlot> {

    private final int shard;
    private final ShardState state;
    private final EngineHealth health;
    private final boolean lastStage;

    ShardHandler(int shard, ShardState state, EngineHealth health, boolean lastStage) {
        this.shard = shard;
        this.state = state;
        this.health = health;
        this.lastStage = lastStage;
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.shard != shard && slot.shard != CommandSlot.ALL_SHARDS) {
            return;
        }
        RuntimeException failure = slot.journalFailure != null ? slot.journalFailure : health.failure();
        if (slot.command instanceof Command.Checkpoint checkpoint) {
            capture(checkpoint.cut(), failure);
            return;
        }
        Reply reply = slot.reply;
        if (failure != null) {
            reply.fail(failure);
        } else {
            try {
                slot.existed = apply((Command.Write) slot.command);
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

    private void capture(CheckpointCut cut, RuntimeException failure) {
        if (failure != null) {
            cut.done().completeExceptionally(failure);
            return;
        }
        try {
            cut.capture(shard, state);
        } catch (Throwable e) {
            cut.done().completeExceptionally(health.fail("shard " + shard + " could not capture a checkpoint", e));
        }
    }

    private boolean apply(Command.Write command) {
        if (command instanceof Command.Put put) {
            return state.put(put.key(), put.value());
        }
        return state.remove(command.key());
    }
}
