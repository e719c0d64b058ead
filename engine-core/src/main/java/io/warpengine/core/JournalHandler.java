package io.warpengine.core;

import com.lmax.disruptor.EventHandler;
import io.warpengine.command.Command;
import io.warpengine.journal.JournalWriter;

/**
 * Stage 1 of the ring: gives every command its engine sequence and appends it to the journal. Its ring
 * sequence advances only after {@code onEvent} returned for the whole batch, so in power-loss mode the
 * batch's msync happens before any shard can apply (and so release) a command of the batch: group commit.
 */
final class JournalHandler implements EventHandler<CommandSlot> {

    private final JournalWriter writer;
    private final MicrosClock clock = new MicrosClock();
    private final EngineHealth health;
    private volatile long lastSequence;

    JournalHandler(JournalWriter writer, long lastSequence, EngineHealth health) {
        this.writer = writer;
        this.lastSequence = lastSequence;
        this.health = health;
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        slot.journalFailure = health.failure();
        if (slot.command instanceof Command.Checkpoint checkpoint) {
            checkpoint.cut().stamp(lastSequence, clock.micros()); // not journaled: it marks a position
            slot.sequence = lastSequence;
        } else if (slot.journalFailure == null) {
            long seq = lastSequence + 1;
            try {
                append((Command.Write) slot.command, seq);
                slot.sequence = seq;
                lastSequence = seq;
            } catch (Throwable e) { // even an Error: the command must fail, not leave its caller waiting
                slot.journalFailure = health.fail("journal append failed at sequence " + seq, e);
            }
        }
        if (endOfBatch) {
            try {
                writer.flush();
            } catch (Throwable e) {
                // The batch is not durable: fail its commands and every later one.
                health.fail("journal sync failed after sequence " + lastSequence, e);
            }
        }
    }

    private void append(Command.Write command, long seq) {
        long ts = clock.micros();
        if (command instanceof Command.Put put) {
            writer.appendPut(seq, ts, put.keyUtf8(), put.value());
        } else {
            writer.appendDelete(seq, ts, command.keyUtf8());
        }
    }

    long lastSequence() {
        return lastSequence;
    }
}
