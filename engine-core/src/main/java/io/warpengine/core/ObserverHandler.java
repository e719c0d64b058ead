package io.warpengine.core;

import com.lmax.disruptor.EventHandler;
import io.warpengine.command.CommandObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stage 3 of the ring, present only when observers are configured: hands every applied command to the
 * observers, after its caller was released. An observer that throws is logged and does not stop the engine.
 */
final class ObserverHandler implements EventHandler<CommandSlot> {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverHandler.class);

    private final List<CommandObserver> observers;

    ObserverHandler(List<CommandObserver> observers) {
        this.observers = observers;
    }

    @Override
    public void onEvent(CommandSlot slot, long ringSequence, boolean endOfBatch) {
        if (slot.command != null && slot.journalFailure == null) {
            for (CommandObserver observer : observers) {
                try {
                    observer.onApplied(slot.command, slot.sequence, slot.shard, slot.existed, endOfBatch);
                } catch (RuntimeException e) {
                    LOG.warn("Observer {} failed on sequence {}", observer, slot.sequence, e);
                }
            }
        }
        slot.clear();
    }
}
