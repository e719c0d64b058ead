package io.warpengine.core;

import com.lmax.disruptor.EventHandler;

/**
 * Stage 1 of the ring: gives every command its engine sequence and appends it to the command log, and stamps a
 * checkpoint cut with the sequence of the last entry before it. Its ring sequence advances only after
 * {@code onEvent} returned for the whole batch, so in power-loss mode the batch's msync happens before any shard
 * can apply (and so release) a command of the batch: group commit.
 */
final class JournalHandler implements EventHandler<CommandSlot> {

    private final CommandLog log;
    private final MicrosClock clock = new MicrosClock();
    private final EngineHealth health;
    private volatile long lastSequence;

    JournalHandler(CommandLog log, long lastSequence, EngineHealth health) {
        this.log = log;
        this.lastSequence = lastSequence;
        this.health = health;
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        slot.journalFailure = health.failure();
        if (slot.checkpoint != null) {
            slot.checkpoint.stamp(lastSequence, clock.micros()); // not journaled: it marks a position
        } else if (slot.journalFailure == null) {
            long seq = lastSequence + 1;
            try {
                log.append(seq, clock.micros(), slot.command);
                slot.sequence = seq;
                lastSequence = seq;
            } catch (Throwable e) { // even an Error: the command must fail, not leave its caller waiting
                slot.journalFailure = health.fail("journal append failed at sequence " + seq, e);
            }
        }
        if (endOfBatch) {
            try {
                log.flush();
            } catch (Throwable e) {
                // The batch is not durable: fail its commands and every later one.
                health.fail("journal sync failed after sequence " + lastSequence, e);
            }
        }
    }

    long lastSequence() {
        return lastSequence;
    }
}
