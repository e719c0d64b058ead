package io.warpengine.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the automatic checkpoint triggers. */
class CheckpointerTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void entryTriggerWaitsForAsManyEntriesAsLiveKeys() {
        assertTrue(Checkpointer.due(100_000, 10_000, 100_000, 0, MINUTE), "small state: every N entries");
        assertFalse(Checkpointer.due(99_999, 10_000, 100_000, 0, MINUTE));
        assertFalse(Checkpointer.due(500_000, 1_000_000, 100_000, 0, MINUTE), "1M keys: not after 500K entries");
        assertTrue(Checkpointer.due(1_000_000, 1_000_000, 100_000, 0, MINUTE), "1M keys: after 1M entries");
        assertFalse(Checkpointer.due(5_000_000, 10, 0, 0, MINUTE), "0 turns the entry trigger off");
    }

    @Test
    void timeTriggerNeedsAChange() {
        assertTrue(Checkpointer.due(1, 1_000_000, 100_000, MINUTE, MINUTE), "any change, once the time has passed");
        assertFalse(Checkpointer.due(0, 1_000_000, 100_000, 2 * MINUTE, MINUTE), "nothing changed: no snapshot");
        assertFalse(Checkpointer.due(1, 1_000_000, 100_000, 2 * MINUTE, 0), "0 turns the time trigger off");
    }
}
