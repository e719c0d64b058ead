package io.warpengine.bench;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys made per use are the keys a workload keeps, for every key size and count. */
class WorkloadTest {

    @Test
    void keysMadePerUseEqualTheKeptOnes() {
        for (int[] shape : new int[][]{{1, 8}, {10, 8}, {12_345, 16}, {100_000, 8}, {1000, 40}}) {
            Workload kept = new Workload(shape[0], shape[1], 10, Workload.Distribution.UNIFORM);
            Workload made = kept.withKeysMadePerUse();
            for (int i = 0; i < shape[0]; i += Math.max(1, shape[0] / 1000)) {
                assertEquals(kept.key(i), made.key(i), "key " + i + " of " + shape[0] + ", size " + shape[1]);
                assertEquals(shape[1], made.key(i).length());
            }
            SplittableRandom a = new SplittableRandom(3);
            SplittableRandom b = new SplittableRandom(3);
            assertEquals(kept.nextKey(a), made.nextKey(b));
        }
    }
}
