package io.warpengine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of random operations (puts, deletes, gets, atomic batches, multi-key reads) against a HashMap model,
 * with the engine closed and reopened at random points; after every reopen the engine's whole state must equal
 * the model.
 */
class ModelBasedEngineTest {

    private static final int OPERATIONS = 4000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2, 4})
    void engineMatchesAHashMapModelAcrossReopens(int shards) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String context = "seed " + seed + ", " + shards + " shards";
        List<String> keys = keyPool(rnd);
        Map<String, byte[]> model = new HashMap<>();
        EngineConfig config = EngineConfig.builder(dir).shards(shards).build();
        WarpEngine engine = WarpEngine.open(config);
        int reopens = 0;
        long expectedSequence = 0;
        try {
            for (int op = 0; op < OPERATIONS; op++) {
                String key = keys.get(rnd.nextInt(keys.size()));
                int kind = rnd.nextInt(12);
                if (kind < 5) {
                    byte[] value = value(rnd);
                    PutResult r = rnd.nextBoolean() ? engine.put(key, value) : engine.putAsync(key, value).get();
                    assertEquals(++expectedSequence, r.sequence(), context);
                    model.put(key, value);
                } else if (kind < 7) {
                    boolean existed = rnd.nextBoolean() ? engine.delete(key) : engine.deleteAsync(key).get();
                    expectedSequence++;
                    assertEquals(model.remove(key) != null, existed, context + ", delete " + key);
                } else if (kind < 9) {
                    Optional<byte[]> read = rnd.nextBoolean() ? engine.get(key) : engine.getAsync(key).get();
                    assertSame(model.get(key), read, context + ", get " + key);
                } else if (kind < 11) {
                    Batch batch = engine.batch();
                    Map<String, byte[]> after = new HashMap<>(model);
                    int writes = 1 + rnd.nextInt(6);
                    for (int w = 0; w < writes; w++) { // keys may repeat: the last write of a key wins
                        String k = keys.get(rnd.nextInt(keys.size()));
                        if (rnd.nextInt(3) == 0) {
                            batch.delete(k);
                            after.remove(k);
                        } else {
                            byte[] value = value(rnd);
                            batch.put(k, value);
                            after.put(k, value);
                        }
                    }
                    BatchResult r = rnd.nextBoolean() ? batch.commit() : batch.commitAsync().get();
                    assertEquals(new BatchResult(++expectedSequence, writes), r, context);
                    model.clear();
                    model.putAll(after);
                } else {
                    List<String> wanted = new ArrayList<>();
                    for (int w = rnd.nextInt(8); w >= 0; w--) {
                        wanted.add(keys.get(rnd.nextInt(keys.size())));
                    }
                    Map<String, byte[]> read = engine.getAll(wanted);
                    for (String k : wanted) {
                        assertSame(model.get(k), Optional.ofNullable(read.get(k)), context + ", getAll " + k);
                    }
                    assertEquals(wanted.stream().filter(model::containsKey).distinct().count(), read.size(), context);
                }
                if (rnd.nextInt(200) == 0) {
                    engine.close();
                    engine = WarpEngine.open(config);
                    reopens++;
                    assertEquals(expectedSequence, engine.recovery().lastSequence(), context);
                    assertStateEquals(model, keys, engine, context + ", after reopen " + reopens);
                }
            }
            engine.close();
            engine = WarpEngine.open(config);
            assertStateEquals(model, keys, engine, context + ", final reopen");
            assertTrue(reopens > 3, "reopened only " + reopens + " times; " + context);
        } finally {
            engine.close();
        }
    }

    private static void assertStateEquals(Map<String, byte[]> model, List<String> keys, WarpEngine engine, String context) {
        for (String key : keys) {
            assertSame(model.get(key), engine.get(key), context + ", key " + key);
        }
        EngineStats stats = engine.stats();
        assertEquals(model.size(), stats.keyCount(), context);
        assertEquals(model.values().stream().mapToLong(v -> v.length).sum(), stats.valueBytes(), context);
        assertEquals(model.size(), stats.shardKeyCounts().stream().mapToLong(Long::longValue).sum(), context);
    }

    private static void assertSame(byte[] expected, Optional<byte[]> actual, String context) {
        if (expected == null) {
            assertEquals(Optional.empty(), actual.map(Arrays::toString), context);
        } else {
            assertArrayEquals(expected, actual.orElseThrow(() -> new AssertionError(context + ": missing")), context);
        }
    }

    private static List<String> keyPool(Random rnd) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            keys.add("key-" + i);
        }
        keys.addAll(List.of("ключ", "鍵", "🔑-emoji", "ü", "a b\tc\n", "x".repeat(1024)));
        for (int i = 0; i < 10; i++) {
            keys.add("user:" + rnd.nextInt(1_000_000));
        }
        return keys;
    }

    private static byte[] value(Random rnd) {
        int r = rnd.nextInt(100);
        int size = r < 10 ? 0 : r == 99 ? 1 << 20 : rnd.nextInt(300);
        byte[] v = new byte[size];
        rnd.nextBytes(v);
        return v;
    }
}
