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
 * Thousands of random operations (puts with and without options, deletes, gets, atomic batches, multi-key reads,
 * entangle, disentangle, quantumGet, checkpoints) against a model of values, options and entanglements, with the
 * engine closed and reopened at random points; after every reopen the engine's whole state must equal the model, and
 * point-in-time views at sequences recorded earlier must hold the values the model had then.
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
        Map<String, PutOptions> options = new HashMap<>();
        Map<String, Map<String, Float>> entangled = new HashMap<>();
        // No close-time checkpoint: reopens replay the journal, from the start or after a random checkpoint.
        EngineConfig config = EngineConfig.builder(dir).shards(shards).logicalShards(16).checkpointOnClose(false)
                .build();
        List<Integer> owners = new ArrayList<>();
        for (int l = 0; l < 16; l++) {
            owners.add(l % shards);
        }
        WarpEngine engine = WarpEngine.open(config);
        Map<String, Integer> homes = new HashMap<>(); // before any entanglement, every key is at home
        for (String key : keys) {
            homes.put(key, engine.logicalShardOf(key));
        }
        int reopens = 0;
        long expectedSequence = 0;
        Map<Long, Map<String, byte[]>> pastStates = new HashMap<>(); // for point-in-time views
        try {
            for (int op = 0; op < OPERATIONS; op++) {
                String key = keys.get(rnd.nextInt(keys.size()));
                int kind = rnd.nextInt(16);
                if (kind < 4) {
                    byte[] value = value(rnd);
                    PutResult r = rnd.nextBoolean() ? engine.put(key, value) : engine.putAsync(key, value).get();
                    assertEquals(++expectedSequence, r.sequence(), context);
                    model.put(key, value);
                    options.remove(key);
                } else if (kind < 5) {
                    byte[] value = value(rnd);
                    PutOptions o = new PutOptions(pick(rnd, PutOptions.AccessPattern.values()),
                            pick(rnd, PutOptions.Priority.values()));
                    assertEquals(++expectedSequence, engine.put(key, value, o).sequence(), context);
                    model.put(key, value);
                    options.put(key, o);
                } else if (kind < 7) {
                    boolean existed = rnd.nextBoolean() ? engine.delete(key) : engine.deleteAsync(key).get();
                    expectedSequence++;
                    assertEquals(model.remove(key) != null, existed, context + ", delete " + key);
                    options.remove(key);
                } else if (kind < 9) {
                    Optional<byte[]> read = rnd.nextBoolean() ? engine.get(key) : engine.getAsync(key).get();
                    assertSame(model.get(key), read, context + ", get " + key);
                } else if (kind < 11) {
                    Batch batch = engine.batch();
                    Map<String, byte[]> after = new HashMap<>(model);
                    int writes = 1 + rnd.nextInt(6);
                    List<String> written = new ArrayList<>();
                    for (int w = 0; w < writes; w++) { // keys may repeat: the last write of a key wins
                        String k = keys.get(rnd.nextInt(keys.size()));
                        written.add(k);
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
                    written.forEach(options::remove); // a batch's puts and deletes give keys the default options
                    model.clear();
                    model.putAll(after);
                } else if (kind == 12) {
                    List<String> related = related(rnd, keys, key);
                    float strength = rnd.nextInt(4) == 0 ? 0.05f : 0.1f + rnd.nextInt(90) / 100f;
                    engine.entangle(key, related, strength);
                    expectedSequence++;
                    Map<String, Float> links = entangled.computeIfAbsent(key, k -> new HashMap<>());
                    related.forEach(k -> links.put(k, strength));
                } else if (kind == 13) {
                    List<String> related = related(rnd, keys, key);
                    engine.disentangle(key, related);
                    expectedSequence++;
                    Map<String, Float> links = entangled.getOrDefault(key, new HashMap<>());
                    related.forEach(links::remove);
                    if (links.isEmpty()) {
                        entangled.remove(key);
                    }
                } else if (kind == 14) {
                    assertQuantumGet(model, entangled, config, engine, key, context);
                    assertGravity(homes, entangled, engine, key, context);
                } else if (kind == 15) {
                    assertEquals(Optional.ofNullable(model.containsKey(key)
                            ? options.getOrDefault(key, PutOptions.DEFAULT) : null), engine.options(key), context);
                    if (rnd.nextInt(10) == 0) {
                        engine.checkpoint();
                    }
                    if (rnd.nextInt(3) == 0) {
                        int logical = rnd.nextInt(16);
                        int writer = rnd.nextInt(shards);
                        assertEquals(++expectedSequence, engine.placeShard(logical, writer), context);
                        owners.set(logical, writer);
                    }
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
                if (rnd.nextInt(300) == 0) {
                    pastStates.put(expectedSequence, new HashMap<>(model));
                }
                if (rnd.nextInt(200) == 0) {
                    engine.close();
                    engine = WarpEngine.open(config);
                    reopens++;
                    assertEquals(expectedSequence, engine.recovery().lastSequence(), context);
                    assertStateEquals(model, keys, engine, context + ", after reopen " + reopens);
                    assertPhysicsEquals(model, options, entangled, homes, config, engine, context + ", reopen " + reopens);
                    assertEquals(owners, engine.placement().owners(), context + ", placement after reopen " + reopens);
                    assertKeysOnTheirOwners(keys, owners, engine, context);
                    assertPastStates(pastStates, keys, config, context);
                }
            }
            engine.close();
            engine = WarpEngine.open(config);
            assertStateEquals(model, keys, engine, context + ", final reopen");
            assertPhysicsEquals(model, options, entangled, homes, config, engine, context + ", final reopen");
            assertEquals(owners, engine.placement().owners(), context + ", final placement");
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

    private static void assertPhysicsEquals(Map<String, byte[]> model, Map<String, PutOptions> options,
                                            Map<String, Map<String, Float>> entangled, Map<String, Integer> homes,
                                            EngineConfig config, WarpEngine engine, String context) {
        for (String key : homes.keySet()) {
            assertEquals(Optional.ofNullable(model.containsKey(key) ? options.getOrDefault(key, PutOptions.DEFAULT)
                    : null), engine.options(key), context + ", options of " + key);
            assertQuantumGet(model, entangled, config, engine, key, context);
            assertGravity(homes, entangled, engine, key, context);
        }
    }

    /** The model's gravity: a key some primary names lives at its strongest primary's home, any other at its own. */
    private static void assertGravity(Map<String, Integer> homes, Map<String, Map<String, Float>> entangled,
                                      WarpEngine engine, String key, String context) {
        String strongest = null;
        float strength = 0;
        for (Map.Entry<String, Map<String, Float>> primary : entangled.entrySet()) {
            Float s = primary.getValue().get(key);
            if (s != null && (strongest == null || s > strength
                    || (s == strength && primary.getKey().compareTo(strongest) < 0))) {
                strongest = primary.getKey();
                strength = s;
            }
        }
        int expected = homes.get(strongest == null ? key : strongest);
        assertEquals(expected, engine.logicalShardOf(key), context + ", gravity places " + key + " with "
                + (strongest == null ? "itself" : strongest));
        engine.getWithMetadata(key).ifPresent(m -> assertEquals(expected, m.logicalShard(), context + ", " + key));
    }

    /** A point-in-time view at each recorded sequence holds the values the model had then. */
    private static void assertPastStates(Map<Long, Map<String, byte[]>> pastStates, List<String> keys,
                                         EngineConfig config, String context) {
        for (Map.Entry<Long, Map<String, byte[]>> past : pastStates.entrySet()) {
            try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(past.getKey()))) {
                for (String key : keys) {
                    assertSame(past.getValue().get(key), view.get(key), context + ", view at " + past.getKey()
                            + ", key " + key);
                }
                assertEquals(past.getValue().size(), view.stats().keyCount(), context + ", view at " + past.getKey());
            }
        }
    }

    /** Every present key is on the writer that owns its logical shard, and the per-writer counts add up. */
    private static void assertKeysOnTheirOwners(List<String> keys, List<Integer> owners, WarpEngine engine,
                                                String context) {
        long[] perWriter = new long[engine.config().shards()];
        for (String key : keys) {
            engine.getWithMetadata(key).ifPresent(m -> {
                assertEquals((int) owners.get(m.logicalShard()), m.shard(), context + ", owner of " + key);
                perWriter[m.shard()]++;
            });
        }
        assertEquals(java.util.Arrays.stream(perWriter).boxed().toList(), engine.stats().shardKeyCounts(), context);
    }

    /** The model's quantumGet: declared links and rule-derived keys, filtered, strongest first, limited. */
    private static void assertQuantumGet(Map<String, byte[]> model, Map<String, Map<String, Float>> entangled,
                                         EngineConfig config, WarpEngine engine, String key, String context) {
        Map<String, Float> declared = entangled.getOrDefault(key, Map.of());
        List<Map.Entry<String, Float>> wanted = new ArrayList<>();
        declared.forEach((k, s) -> {
            if (s >= (float) config.quantumMinStrength()) {
                wanted.add(Map.entry(k, s));
            }
        });
        for (String d : config.entangleRules().derive(key)) {
            if (!declared.containsKey(d)) {
                wanted.add(Map.entry(d, EntanglementRules.STRENGTH));
            }
        }
        wanted.sort(Map.Entry.<String, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Float>> requested = wanted.subList(0, Math.min(wanted.size(),
                config.quantumMaxEntangled()));
        List<String> expected = requested.stream().map(Map.Entry::getKey).filter(model::containsKey).toList();
        QuantumResult q = engine.quantumGet(key);
        assertSame(model.get(key), q.value(), context + ", quantumGet " + key);
        assertEquals(expected, q.entangled().stream().map(Entangled::key).toList(), context + ", quantumGet " + key);
        for (Entangled e : q.entangled()) {
            assertArrayEquals(model.get(e.key()), e.value(), context);
            assertEquals(declared.containsKey(e.key()), e.declared(), context + ", declared " + e.key());
            assertEquals(declared.getOrDefault(e.key(), EntanglementRules.STRENGTH), (float) e.strength(), context);
        }
        assertEquals(requested.size(), q.requested(), context);
        assertEquals(requested.isEmpty() ? 1.0 : (double) expected.size() / requested.size(), q.efficiency(), 1e-9);
    }

    private static List<String> related(Random rnd, List<String> keys, String primary) {
        List<String> related = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(3); related.size() < n; ) {
            String k = keys.get(rnd.nextInt(keys.size()));
            if (!k.equals(primary)) {
                related.add(k);
            }
        }
        return related;
    }

    private static <T> T pick(Random rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
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
            int id = rnd.nextInt(1_000_000);
            keys.add("user:" + id);
            keys.add((i % 2 == 0 ? "profile:" : "sessions:") + id); // found by the default pattern rules
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
