package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gravitational routing: entangled keys live on their strongest primary's logical shard, and move with it. */
class GravityTest {

    @TempDir
    Path dir;

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static EngineConfig.Builder config(Path dir) {
        return EngineConfig.builder(dir).shards(4).logicalShards(64).checkpointOnClose(false);
    }

    @Test
    void entangledKeysJoinTheirPrimaryAndMoveWithIt() throws Exception {
        String primary = "user:1";
        List<String> items = new ArrayList<>();
        Map<String, Integer> homes = new HashMap<>();
        int primaryHome;
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) {
            primaryHome = engine.logicalShardOf(primary);
            engine.put(primary, v("u"));
            for (int i = 0; i < 40; i++) {
                items.add("item-" + i);
                homes.put("item-" + i, engine.logicalShardOf("item-" + i));
                if (i % 4 != 0) { // some related keys have no value yet: they are placed all the same
                    engine.put("item-" + i, v("value-" + i));
                }
            }
            long away = items.stream().filter(k -> homes.get(k) != primaryHome).count();
            assertTrue(away > 30, "most items live elsewhere before: " + away);

            engine.entangle(primary, items, 0.9);
            assertGroupWith(engine, primary, items);
            assertEquals(away, engine.placement().pinnedKeys());

            int owner = engine.placement().ownerOf(primaryHome);
            engine.placeShard(primaryHome, (owner + 1) % 4); // the group moves as one
            assertGroupWith(engine, primary, items);
            assertEquals((owner + 1) % 4, engine.getWithMetadata("item-1").orElseThrow().shard());
            PutResult put = engine.put("item-0", v("value-0")); // a put after the pin goes to the group
            assertEquals(primaryHome, put.logicalShard(), "the put reports where it was applied");
            assertEquals((owner + 1) % 4, put.shard());
            assertEquals(primaryHome, engine.putAsync("item-2", v("value-2")).get().logicalShard());
            assertGroupWith(engine, primary, items);
        }
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) { // the journal alone
            assertGroupWith(engine, primary, items);
            engine.checkpoint();
        }
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) { // the snapshot
            assertNotNull(engine.recovery().snapshotFile());
            assertGroupWith(engine, primary, items);
            engine.disentangle(primary, items.subList(0, 20));
            for (String item : items.subList(0, 20)) { // home again, value intact
                assertEquals((int) homes.get(item), engine.logicalShardOf(item), item);
            }
            assertGroupWith(engine, primary, items.subList(20, 40));
            assertValues(engine, items);
        }
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) { // the snapshot and the journal after it
            for (String item : items.subList(0, 20)) {
                assertEquals((int) homes.get(item), engine.logicalShardOf(item), item);
            }
            assertGroupWith(engine, primary, items.subList(20, 40));
        }
    }

    @Test
    void theStrongestPrimaryWinsWhateverTheOrderOfDeclaration() {
        for (boolean weakFirst : new boolean[]{true, false}) {
            Path d = dir.resolve("order-" + weakFirst);
            try (WarpEngine engine = WarpEngine.open(config(d).build())) {
                String key = "shared-key";
                String weak = findWithOtherHome(engine, key, "weak-");
                String strong = findWithOtherHome(engine, key, "strong-");
                engine.put(key, v("x"));
                if (weakFirst) {
                    engine.entangle(weak, List.of(key), 0.5);
                    engine.entangle(strong, List.of(key), 0.9);
                } else {
                    engine.entangle(strong, List.of(key), 0.9);
                    engine.entangle(weak, List.of(key), 0.5);
                }
                assertEquals(engine.logicalShardOf(strong), engine.logicalShardOf(key), "weak first: " + weakFirst);
                engine.entangle(weak, List.of(key), 0.9); // equal strengths: the smaller primary ("strong-" < "weak-")
                assertEquals(engine.logicalShardOf(strong), engine.logicalShardOf(key));
                engine.disentangle(strong, List.of(key));
                assertEquals(engine.logicalShardOf(weak), engine.logicalShardOf(key));
                assertArrayEquals(v("x"), engine.get(key).orElseThrow());
            }
        }
    }

    /**
     * Groups are entangled and disentangled over and over (their keys switching stores) while readers get keys
     * that always exist and read the groups with getAll: no get may miss, no getAll may see a key on neither store.
     */
    @Test
    void readsNeverMissAKeyWhileGravityMovesIt() throws Exception {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(3).logicalShards(16).build())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                keys.add("key-" + i);
                engine.put(keys.get(i), v("value-" + i));
            }
            ReadsBesideMoves.run(engine, keys, n -> {
                String primary = "primary-" + (n / 2 % 7); // entangled, then disentangled: away and back
                int from = (int) (n / 2 % 10) * 100;
                if (n % 2 == 0) {
                    engine.entangle(primary, keys.subList(from, from + 100), 0.1 + (n % 9) / 10.0);
                } else {
                    engine.disentangle(primary, keys.subList(from, from + 100));
                }
            }, g -> keys.subList(g % 10 * 100, g % 10 * 100 + 100));
            for (int p = 0; p < 7; p++) { // every key back home
                for (int g = 0; g < 10; g++) {
                    engine.disentangle("primary-" + p, keys.subList(g * 100, g * 100 + 100));
                }
            }
            assertEquals(0, engine.placement().pinnedKeys());
            for (int i = 0; i < keys.size(); i++) {
                assertArrayEquals(v("value-" + i), engine.get(keys.get(i)).orElseThrow(), keys.get(i));
            }
            assertEquals(1000, engine.stats().keyCount());
        }
    }

    private static String findWithOtherHome(WarpEngine engine, String key, String prefix) {
        for (int i = 0; ; i++) {
            if (engine.logicalShardOf(prefix + i) != engine.logicalShardOf(key)) {
                return prefix + i;
            }
        }
    }

    private static void assertGroupWith(WarpEngine engine, String primary, List<String> related) {
        int logical = engine.logicalShardOf(primary);
        int owner = engine.placement().ownerOf(logical);
        for (String key : related) {
            assertEquals(logical, engine.logicalShardOf(key), key);
            engine.getWithMetadata(key).ifPresent(m -> {
                assertEquals(logical, m.logicalShard(), key);
                assertEquals(owner, m.shard(), key);
            });
        }
        assertEquals(owner, engine.getWithMetadata(primary).orElseThrow().shard());
        assertValues(engine, related);
    }

    private static void assertValues(WarpEngine engine, List<String> items) {
        for (String item : items) {
            int i = Integer.parseInt(item.substring("item-".length()));
            if (i % 4 != 0 || engine.get(item).isPresent()) {
                assertArrayEquals(v("value-" + i), engine.get(item).orElseThrow(), item);
            }
        }
        assertNotEquals(0, engine.stats().keyCount());
    }
}
