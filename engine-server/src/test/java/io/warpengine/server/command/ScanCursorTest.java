package io.warpengine.server.command;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCAN's contract: every key present for the whole iteration comes back (here: exactly once), whatever changes. */
class ScanCursorTest {

    @Test
    void everyKeyPresentThroughoutIsReturnedOnceWhileOthersComeAndGo() {
        Random random = new Random(15);
        for (int round = 0; round < 20; round++) {
            TreeSet<String> keys = new TreeSet<>();
            for (int i = 0; i < 2000; i++) {
                keys.add("k" + random.nextInt(5000));
            }
            Set<String> stable = new HashSet<>(keys); // loses every key deleted during the iteration
            Map<String, Integer> seen = new HashMap<>();
            long cursor = 0;
            int calls = 0;
            do {
                ScanCursor.Page page = ScanCursor.page(new ArrayList<>(keys), cursor, 1 + random.nextInt(50), k -> true);
                page.keys().forEach(k -> seen.merge(k, 1, Integer::sum));
                cursor = page.next();
                for (int change = 0; change < 20; change++) {
                    String key = "k" + random.nextInt(5000);
                    if (random.nextBoolean()) {
                        keys.add(key);
                    } else if (keys.remove(key)) {
                        stable.remove(key);
                    }
                }
                calls++;
            } while (cursor != 0);
            for (String key : stable) {
                assertEquals(1, seen.getOrDefault(key, 0), key + " in round " + round + " after " + calls + " calls");
            }
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "no key twice");
        }
    }

    @Test
    void aFilterLeavesOutKeysWithoutEndingTheIteration() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add((i % 2 == 0 ? "even:" : "odd:") + i);
        }
        Set<String> seen = new TreeSet<>();
        long cursor = 0;
        do {
            ScanCursor.Page page = ScanCursor.page(keys, cursor, 7, k -> k.startsWith("odd:"));
            assertTrue(page.keys().size() <= 7);
            seen.addAll(page.keys());
            cursor = page.next();
        } while (cursor != 0);
        assertEquals(50, seen.size());
        assertTrue(seen.stream().allMatch(k -> k.startsWith("odd:")));
    }

    @Test
    void anEmptyKeyspaceEndsAtOnce() {
        assertEquals(new ScanCursor.Page(List.of(), 0), ScanCursor.page(List.of(), 0, 10, k -> true));
        assertEquals(0, ScanCursor.page(List.of("a"), 0, 10, k -> true).next(), "all in one page: the end");
    }
}
