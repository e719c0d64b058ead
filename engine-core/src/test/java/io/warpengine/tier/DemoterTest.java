package io.warpengine.tier;

import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demoter's rules per key: critical values stay in memory, cold ones go straight to the deep cache. */
class DemoterTest {

    @TempDir
    Path dir;

    @Test
    void criticalStaysInMemoryAndColdGoesDeepFirst() throws Exception {
        try (Tiers tiers = Tiers.open(dir, Tiers.MIN_BYTES, 1 << 20)) {
            TieredShardStore store = (TieredShardStore) tiers.newStore(1024);
            tiers.startDemoter(key -> key.startsWith("critical") ? Residency.KEEP
                    : key.startsWith("cold") ? Residency.COLD : Residency.NORMAL, () -> 0);
            Random rnd = new Random(1);
            for (int i = 0; i < 600; i++) { // 600 x 3 KiB of compressible values: about twice the bound
                String key = (i % 3 == 0 ? "critical-" : i % 3 == 1 ? "cold-" : "normal-") + i;
                store.put(key, StoredValue.of(("value " + i + " ").repeat(300).getBytes(), i, 0));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tiers.counters.memoryBytes() > Tiers.MIN_BYTES && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000); // polls while the demoter brings memory under the bound
            }
            int coldDeep = 0;
            for (int i = 0; i < 600; i++) {
                String key = (i % 3 == 0 ? "critical-" : i % 3 == 1 ? "cold-" : "normal-") + i;
                Object held = store.heldForm(key);
                if (i % 3 == 0) {
                    assertTrue(held instanceof byte[], key + " left the event horizon: " + held);
                } else if (i % 3 == 1) {
                    assertTrue(!(held instanceof Photon), key + " is cold: it skips the photon sphere");
                    coldDeep += held instanceof DeepValue ? 1 : 0;
                }
                assertArrayEquals(("value " + i + " ").repeat(300).getBytes(), StoredValue.value(store.get(key)), key);
            }
            assertTrue(coldDeep > 50, coldDeep + " of 200 cold values in the deep cache");
            TierStats stats = tiers.stats();
            assertTrue(stats.photon().keys() > 0, "normal compressible values go to the photon sphere: " + stats);
        }
    }

    @Test
    void heldFormsAreCountedPerTier() throws Exception {
        try (Tiers tiers = Tiers.open(dir, Tiers.MIN_BYTES, 1 << 20)) {
            TieredShardStore store = (TieredShardStore) tiers.newStore(16);
            store.load("hot", StoredValue.of(new byte[100], 1, 1));
            store.load("deep", tiers.spill("deep", StoredValue.of(new byte[50], 2, 2)));
            TierStats stats = tiers.stats();
            assertTrue(stats.horizon().keys() == 1 && stats.horizon().bytes() == 100 + 16 + 16
                    && stats.deep().keys() == 1 && stats.deep().bytes() == 50 + 16 && stats.deep().demotions() == 1,
                    stats.toString());
            assertEquals(1, tiers.snapshotEntries(), "a snapshot holds one value; a location is a fraction of one");
            for (int i = 0; i < 100; i++) { // deep values of 1 KiB: 100 locations are worth about 4 entries
                store.load("d" + i, tiers.spill("d" + i, StoredValue.of(new byte[1008], 3, 3)));
            }
            assertEquals(1 + 100 * 40 / (1024 + 40), tiers.snapshotEntries(), 1.0);
            assertArrayEquals(new byte[50], StoredValue.value(store.get("deep")));
            assertTrue(tiers.stats().deep().hits() == 1, tiers.stats().toString());
        }
    }
}
