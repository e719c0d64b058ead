package io.warpengine.bench.policy;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static io.warpengine.bench.policy.ClockPolicyTest.read;
import static io.warpengine.bench.policy.ClockPolicyTest.timeless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LruPolicyTest {

    private static final Integer[] KEYS = IntStream.range(0, 10).boxed().toArray(Integer[]::new);

    /**
     * By hand, capacity 3 (least recent first): 1 [1], 2 [1 2], 3 [1 2 3], 4 evicts 1 [2 3 4], 3h [2 4 3],
     * 4h [2 3 4], 2h [3 4 2], 5 evicts 3 [4 2 5]: 3 hits in 8 reads, 2 of them after the first 5.
     */
    @Test
    void hitRatioOfAHandComputedTrace() {
        int[] trace = {1, 2, 3, 4, 3, 4, 2, 5};
        LruPolicy lru = new LruPolicy(3, KEYS);
        assertEquals(new PolicySimulator.Replay(2, 3, 0, 0), timeless(PolicySimulator.replay(trace, lru, 5)));
        assertFalse(lru.contains(3), "3 was the least recently read");
        assertTrue(lru.contains(4) && lru.contains(2) && lru.contains(5));
        assertEquals(3, lru.size());
    }

    @Test
    void evictsTheLeastRecentlyReadKey() {
        LruPolicy lru = new LruPolicy(3, KEYS);
        read(lru, 1, 2, 3, 1, 4);
        assertFalse(lru.contains(2));
        read(lru, 5);
        assertFalse(lru.contains(3));
        assertTrue(lru.contains(1) && lru.contains(4) && lru.contains(5));
    }
}
