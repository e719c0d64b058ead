package io.warpengine.bench.policy;

import io.warpengine.bench.ZipfianKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicySimulatorTest {

    private static final int KEYS = 2_000;
    private static final Integer[] BOXED = IntStream.range(0, KEYS).boxed().toArray(Integer[]::new);

    private static PolicySimulator.Settings settings(long seed, KeyStream... streams) {
        return new PolicySimulator.Settings(KEYS, 40_000, List.of(0.05, 0.25), List.of(streams),
                ZipfianKeys.YCSB_THETA, seed, 1);
    }

    private static List<PolicySimulator.Cell> run(PolicySimulator.Settings settings) {
        List<List<PolicySimulator.Cell>> rows = new ArrayList<>();
        List<PolicySimulator.Cell> cells = new PolicySimulator().run(settings, rows::add);
        assertEquals(cells, rows.stream().flatMap(List::stream).toList(), "every cell is handed over once, in order");
        return cells;
    }

    /**
     * The same seed gives the same hit ratios: exactly for CLOCK and LRU; W-TinyLFU admits a warm newcomer at random
     * (1 in 128 of the ties it would otherwise refuse, Caffeine's defence against hash flooding), so its figures move
     * (here by up to 0.009 over 200 replays; its hill climber amplifies the difference).
     */
    @Test
    void theSameSeedGivesTheSameFigures() {
        List<PolicySimulator.Cell> first = run(settings(7, KeyStream.values()));
        List<PolicySimulator.Cell> second = run(settings(7, KeyStream.values()));
        assertEquals(KeyStream.values().length * 2 * PolicyKind.values().length, first.size());
        for (int i = 0; i < first.size(); i++) {
            PolicySimulator.Cell a = first.get(i);
            PolicySimulator.Cell b = second.get(i);
            assertEquals(List.of(a.workload(), a.capacity(), a.policy(), a.countedReads()),
                    List.of(b.workload(), b.capacity(), b.policy(), b.countedReads()));
            double tolerance = a.policy().equals(PolicyKind.W_TINYLFU.label()) ? 0.02 : 0;
            assertEquals(a.hitRatio(), b.hitRatio(), tolerance, a + " then " + b);
        }
        List<PolicySimulator.Cell> other = run(settings(8, KeyStream.ZIPFIAN));
        assertNotEquals(first.stream().filter(c -> c.workload().equals("zipfian")).map(PolicySimulator.Cell::hitRatio).toList(),
                other.stream().map(PolicySimulator.Cell::hitRatio).toList(), "another seed, other reads");
    }

    /** Once every key has been read, a cache that can hold them all hits every read, whatever its policy. */
    @Test
    void everyReadHitsWhenTheCapacityCoversTheKeys() {
        int[] trace = IntStream.concat(IntStream.range(0, KEYS), new SplittableRandom(3).ints(20_000, 0, KEYS)).toArray();
        for (PolicyKind kind : PolicyKind.values()) {
            for (int capacity : new int[] {KEYS, KEYS + 100}) {
                PolicySimulator.Replay replay = PolicySimulator.replay(trace, kind.create(capacity, BOXED), KEYS);
                assertEquals(20_000, replay.hits(), kind + " at capacity " + capacity);
                assertEquals(20_000, replay.counted());
            }
        }
    }

    @Test
    void everyPolicyHoldsNoMoreThanItsCapacity() {
        int[] trace = KeyStream.ZIPFIAN.trace(KEYS, 50_000, new ZipfianKeys(KEYS, ZipfianKeys.YCSB_THETA), 5);
        for (PolicyKind kind : PolicyKind.values()) {
            CachePolicy policy = kind.create(100, BOXED);
            PolicySimulator.replay(trace, policy, 0);
            long resident = IntStream.range(0, KEYS).filter(policy::contains).count();
            assertEquals(policy.size(), resident, kind.label());
            assertTrue(resident <= 100 && resident >= 90, kind.label() + " holds " + resident);
        }
    }

    /** The shifting stream's popularity passes to the next key every keys/2 reads; a scan follows every keys/2 reads. */
    @Test
    void theShiftingHotSetMovesAndScansAreSequential() {
        ZipfianKeys zipfian = new ZipfianKeys(KEYS, ZipfianKeys.YCSB_THETA);
        int[] shifting = KeyStream.SHIFTING.trace(KEYS, 3 * KEYS / 2, zipfian, 9);
        int hottest = hottest(Arrays.copyOfRange(shifting, 0, KEYS / 2));
        assertEquals((hottest + 1) % KEYS, hottest(Arrays.copyOfRange(shifting, KEYS / 2, KEYS)));
        assertEquals((hottest + 2) % KEYS, hottest(Arrays.copyOfRange(shifting, KEYS, 3 * KEYS / 2)));

        int cycle = KEYS / 2 + KEYS / 10; // zipfian reads, then the scan
        int[] scan = KeyStream.SCAN.trace(KEYS, 2 * cycle, zipfian, 9);
        assertTrue(Arrays.equals(IntStream.range(0, KEYS / 10).toArray(), Arrays.copyOfRange(scan, KEYS / 2, cycle)));
        assertTrue(Arrays.equals(IntStream.range(KEYS / 10, 2 * KEYS / 10).toArray(),
                Arrays.copyOfRange(scan, cycle + KEYS / 2, 2 * cycle)), "the second scan goes on where the first stopped");
    }

    private static int hottest(int[] reads) {
        int[] counts = new int[KEYS];
        for (int key : reads) {
            counts[key]++;
        }
        return IntStream.range(0, KEYS).reduce((a, b) -> counts[b] > counts[a] ? b : a).orElseThrow();
    }

    @Test
    void refusesARunWithNothingToCountAfterTheWarmUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PolicySimulator.Settings(
                1_000, 1_000, List.of(0.5), List.of(KeyStream.UNIFORM), ZipfianKeys.YCSB_THETA, 1, 1));
        assertEquals("--operations 1000 leaves no read to count after the warm-up of 2 x capacity = 1000 reads; "
                + "raise it or lower --capacity", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PolicySimulator.Settings(
                1_000, 10_000, List.of(0.0), List.of(KeyStream.UNIFORM), ZipfianKeys.YCSB_THETA, 1, 1));
    }
}
