package io.warpengine.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pins: every pinned key is found (the filter has no false negative as it grows and is rebuilt), others stay home. */
class RoutingTableTest {

    @Test
    void pinnedKeysAreFoundThroughGrowthAndRemovals() {
        RoutingTable routing = new RoutingTable(256, 4);
        Random rnd = new Random(11);
        Map<String, Integer> model = new HashMap<>();
        for (int round = 0; round < 40; round++) {
            Map<String, Integer> changes = new HashMap<>();
            for (int n = 0; n < 5000; n++) {
                String key = "key-" + rnd.nextInt(200_000);
                int target = rnd.nextInt(4) == 0 ? routing.homeOf(key) : rnd.nextInt(256); // a quarter go home
                changes.put(key, target);
            }
            routing.pin(changes);
            changes.forEach((key, target) -> {
                if (target == routing.homeOf(key)) {
                    model.remove(key);
                } else {
                    model.put(key, target);
                }
            });
            assertEquals(model.size(), routing.pinnedKeys(), "round " + round);
            for (Map.Entry<String, Integer> pin : model.entrySet()) {
                assertEquals((int) pin.getValue(), routing.logicalShardOf(pin.getKey()), pin.getKey());
            }
        }
        for (int i = 0; i < 200_000; i++) {
            String key = "key-" + i;
            assertEquals(model.getOrDefault(key, routing.homeOf(key)), routing.logicalShardOf(key), key);
        }
        Map<String, Integer> allHome = new HashMap<>();
        model.keySet().forEach(key -> allHome.put(key, routing.homeOf(key)));
        routing.pin(allHome);
        assertEquals(0, routing.pinnedKeys());
    }
}
