package io.warpengine.tier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tiered store's index against a HashMap, and beside concurrent readers, compare-and-sets and iterations. */
class TierIndexTest {

    /** Keys of every shape: ASCII, non-ASCII, longer than 127 bytes (a two-byte length), equal hash codes. */
    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(switch (i % 5) {
                case 0 -> "key:" + i;
                case 1 -> "clé-été-" + i + "-\u6f22\u5b57";
                case 2 -> "long-" + "x".repeat(150) + i;
                case 3 -> "Aa".repeat(1 + i % 4) + "#" + i; // "Aa" and "BB" have the same hash code
                default -> "BB".repeat(1 + i % 4) + "#" + (i - 1);
            });
        }
        return keys;
    }

    @Test
    void matchesAHashMapThroughGrowthAndTombstones() {
        Random rnd = new Random(42);
        List<String> keys = keys(5000);
        TierIndex index = new TierIndex(1); // grows from 16 slots: many rebuilds
        Map<String, Object> model = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            String key = keys.get(rnd.nextInt(keys.size()));
            switch (rnd.nextInt(10)) {
                case 0, 1, 2 -> assertSame(model.remove(key), index.remove(key), "remove " + key);
                case 3 -> {
                    Object expected = model.get(key);
                    Object update = new Object();
                    boolean replaced = expected != null && index.replace(key, expected, update);
                    assertEquals(expected != null, replaced, "replace " + key);
                    if (replaced) {
                        model.put(key, update);
                    }
                    assertTrue(!index.replace(key, new Object(), new Object()), "a stale expected form never replaces");
                }
                case 4, 5, 6 -> {
                    Object form = new Object();
                    assertSame(model.put(key, form), index.put(key, form), "put " + key);
                }
                default -> assertSame(model.get(key), index.get(key), "get " + key);
            }
        }
        Map<String, Object> seen = new HashMap<>();
        index.forEach((key, form) -> assertNull(seen.put(key, form), "visited once: " + key));
        assertEquals(model, seen);
        assertNull(index.get("never-put"));
    }

    @Test
    void readersAndCompareAndSetsBesideAWriterThatGrowsTheTable() throws Exception {
        int keys = 20_000;
        TierIndex index = new TierIndex(16);
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(keys); // per key: the newest version put
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int seed = r;
                others.add(pool.submit(() -> {
                    Random rnd = new Random(seed);
                    while (!stop.get()) {
                        int k = rnd.nextInt(keys);
                        int atLeast = acknowledged.get(k);
                        Object form = index.get("k" + k);
                        int version = form == null ? 0 : ((Version) form).number;
                        if (version < atLeast) {
                            throw new AssertionError("k" + k + " read version " + version + " after " + atLeast);
                        }
                    }
                    return null;
                }));
            }
            others.add(pool.submit(() -> { // a demoter: swaps forms for copies of the same version
                Random rnd = new Random(7);
                while (!stop.get()) {
                    String key = "k" + rnd.nextInt(keys);
                    Object form = index.get(key);
                    if (form != null) {
                        index.replace(key, form, new Version(((Version) form).number));
                    }
                }
                return null;
            }));
            for (int round = 1; round <= 5; round++) { // the writer: every key, five times; growth in round 1
                for (int k = 0; k < keys; k++) {
                    index.put("k" + k, new Version(round));
                    acknowledged.set(k, round);
                }
            }
            stop.set(true);
            for (Future<?> f : others) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int k = 0; k < keys; k++) {
            assertEquals(5, ((Version) index.get("k" + k)).number, "k" + k);
        }
    }

    @Test
    void anIterationBesideGrowthVisitsEveryKeyPresentThroughoutOnce() throws Exception {
        TierIndex index = new TierIndex(16);
        for (int k = 0; k < 1000; k++) {
            index.put("stable" + k, new Version(1));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicBoolean stop = new AtomicBoolean();
            Future<?> writer = pool.submit(() -> {
                for (int k = 0; !stop.get(); k++) { // new keys grow the table; removals leave tombstones, dropped by
                    index.put("new" + k % 200_000, new Version(1)); // the rebuilds that keep coming
                    if (k % 3 == 0) {
                        index.remove("new" + (k / 2) % 200_000);
                    }
                }
                return null;
            });
            for (int pass = 0; pass < 50; pass++) {
                Set<String> seen = new HashSet<>();
                index.forEach((key, form) -> assertTrue(seen.add(key), "visited twice: " + key));
                for (int k = 0; k < 1000; k++) {
                    assertTrue(seen.contains("stable" + k), "pass " + pass + " missed stable" + k);
                }
            }
            stop.set(true);
            writer.get(1, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Version(int number) {
    }
}
