package io.warpengine.bench.policy;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockPolicyTest {

    @Test
    void holdsNoMoreThanItsCapacity() {
        ClockPolicy clock = new ClockPolicy(100, 10_000);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            clock.access(rnd.nextInt(10_000));
        }
        assertEquals(100, clock.size());
        assertEquals(100, IntStream.range(0, 10_000).filter(clock::contains).count());
    }

    /** A key read again since the hand last passed it survives that sweep, once; a key not read again goes first. */
    @Test
    void aReferencedKeySurvivesOneSweep() {
        ClockPolicy clock = new ClockPolicy(3, 10);
        read(clock, 1, 2, 3);
        assertTrue(clock.access(1), "1 is resident: a hit sets its bit");
        assertFalse(clock.access(4));
        assertTrue(clock.contains(1), "1 was read since it came in: the hand clears its bit and passes it");
        assertFalse(clock.contains(2), "2, never read again, is the first key the hand finds clear");
        read(clock, 5);
        assertFalse(clock.contains(3), "the hand goes on from where it stopped");
        read(clock, 6);
        assertFalse(clock.contains(1), "1's bit was cleared by the last sweep and not set again: no third chance");
        assertTrue(clock.contains(4) && clock.contains(5) && clock.contains(6));
    }

    /**
     * By hand, capacity 3, hand at slot 0, newcomers' bits clear (h: hit; the slots after each miss):
     * 1 [1 - -], 2 [1 2 -], 3 [1 2 3], 1h, 4: clears 1, evicts 2 [1 4 3], 2: evicts 3 [1 4 2], 5: evicts 1 [5 4 2],
     * 1: evicts 4 [5 1 2], 2h, 3: clears 2, evicts 5 [3 1 2], 1h: 3 hits in 11 reads, all after the first 3.
     */
    @Test
    void hitRatioOfAHandComputedTrace() {
        int[] trace = {1, 2, 3, 1, 4, 2, 5, 1, 2, 3, 1};
        ClockPolicy clock = new ClockPolicy(3, 10);
        assertEquals(new PolicySimulator.Replay(3, 8, 0, 0), timeless(PolicySimulator.replay(trace, clock, 3)));
        assertEquals(3, IntStream.of(1, 2, 3).filter(clock::contains).count());
    }

    /** Where CLOCK is not LRU: with every bit set, a sweep clears them all and evicts the most recently read key. */
    @Test
    void withEveryBitSetItEvictsLikeFifo() {
        ClockPolicy clock = new ClockPolicy(3, 10);
        read(clock, 1, 2, 3, 4, 3, 4, 2, 5); // the hand is at 2's slot; 3, 4 and 2 were all read since it passed
        assertFalse(clock.contains(2), "LRU would evict 3 here");
        assertTrue(clock.contains(3) && clock.contains(4) && clock.contains(5));
    }

    static void read(CachePolicy policy, int... keys) {
        for (int key : keys) {
            policy.access(key);
        }
    }

    static PolicySimulator.Replay timeless(PolicySimulator.Replay replay) {
        return new PolicySimulator.Replay(replay.hits(), replay.counted(), 0, 0);
    }
}
