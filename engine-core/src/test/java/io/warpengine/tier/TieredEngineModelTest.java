package io.warpengine.tier;

import io.warpengine.EngineConfig;
import io.warpengine.EngineReader;
import io.warpengine.EngineView;
import io.warpengine.KeyMetadata;
import io.warpengine.PutOptions;
import io.warpengine.RecoveryTarget;
import io.warpengine.WarpEngine;
import io.warpengine.store.ValueTier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random puts (with and without options), overwrites, deletes, batches, checkpoints and reopens (with and
 * without the close-time checkpoint) against a model, under the smallest memory bound and about three times as
 * many value bytes, so most values live in the photon sphere or the deep cache: every read, every multi-key read,
 * every reopened engine and every view must equal the model.
 */
class TieredEngineModelTest {

    private static final int OPERATIONS = 3000;
    private static final int KEYS = 700;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void engineWithTinyBoundMatchesModel(int shards) {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String context = "seed " + seed + ", " + shards + " shards";
        Map<String, byte[]> model = new HashMap<>();
        EngineConfig.Builder builder = EngineConfig.builder(dir).shards(shards).logicalShards(16)
                .memoryMaxBytes(Tiers.MIN_BYTES).deepSegmentBytes(256 * 1024).checkpointEveryOperations(0)
                .checkpointEverySeconds(0);
        EngineConfig config = builder.build();
        EngineConfig noCloseCheckpoint = builder.checkpointOnClose(false).build();
        WarpEngine engine = WarpEngine.open(config);
        long deepHits = 0;
        Set<ValueTier> served = EnumSet.noneOf(ValueTier.class); // the tiers metadata reads named, over the run
        long photonDemotions = 0;
        long deepDemotions = 0;
        try {
            for (int op = 0; op < OPERATIONS; op++) {
                String key = "k" + rnd.nextInt(KEYS);
                int choice = rnd.nextInt(100);
                if (choice < 45) {
                    byte[] value = value(rnd);
                    PutOptions options = switch (rnd.nextInt(10)) {
                        case 0 -> PutOptions.DEFAULT.withPriority(PutOptions.Priority.CRITICAL);
                        case 1 -> PutOptions.DEFAULT.withAccess(PutOptions.AccessPattern.COLD);
                        default -> PutOptions.DEFAULT;
                    };
                    engine.put(key, value, options);
                    model.put(key, value);
                } else if (choice < 52) {
                    engine.delete(key);
                    model.remove(key);
                } else if (choice < 56) {
                    var batch = engine.batch();
                    for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                        String k = "k" + rnd.nextInt(KEYS);
                        if (rnd.nextInt(4) == 0) {
                            batch.delete(k);
                            model.remove(k);
                        } else {
                            byte[] v = value(rnd);
                            batch.put(k, v);
                            model.put(k, v);
                        }
                    }
                    batch.commit();
                } else if (choice < 58) {
                    List<String> some = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        some.add("k" + rnd.nextInt(KEYS));
                    }
                    Map<String, byte[]> all = engine.getAll(some);
                    for (String k : some) {
                        assertValue(model.get(k), all.get(k), context + ", getAll " + k + " at op " + op);
                    }
                } else if (choice < 59) {
                    engine.checkpoint();
                    try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.LATEST)) {
                        assertWhole(model, view, context + ", view after the checkpoint at op " + op);
                    }
                } else if (choice < 60) {
                    TierStats tiers = engine.stats().tiers().orElseThrow();
                    deepHits += tiers.deep().hits();
                    photonDemotions += tiers.photon().demotions();
                    deepDemotions += tiers.deep().demotions();
                    engine.close();
                    engine = WarpEngine.open(rnd.nextBoolean() ? config : noCloseCheckpoint);
                    assertWhole(model, engine, context + ", reopened at op " + op);
                } else {
                    assertValue(model.get(key), engine.get(key).orElse(null), context + ", get " + key + " at op " + op);
                    Optional<KeyMetadata> metadata = engine.getWithMetadata(key);
                    assertValue(model.get(key), metadata.map(KeyMetadata::value).orElse(null),
                            context + ", metadata of " + key + " at op " + op);
                    metadata.ifPresent(m -> served.add(m.tier()));
                }
            }
            assertWhole(model, engine, context + ", at the end");
            for (String k : model.keySet()) {
                served.add(engine.getWithMetadata(k).orElseThrow().tier());
            }
            assertEquals(EnumSet.allOf(ValueTier.class), served, context + ": the reads' metadata named every tier");
            TierStats tiers = engine.stats().tiers().orElseThrow();
            deepHits += tiers.deep().hits();
            photonDemotions += tiers.photon().demotions();
            deepDemotions += tiers.deep().demotions();
            assertTrue(deepHits > 0 && photonDemotions > 0 && deepDemotions > 0, context
                    + ": the tiers were used (deep hits " + deepHits + ", demotions to the photon sphere "
                    + photonDemotions + ", to the deep cache " + deepDemotions + ")");
        } finally {
            engine.close();
        }
    }

    /** 200 B to 6 KiB: half compressible text (the photon sphere keeps it), half random bytes (it does not). */
    private static byte[] value(Random rnd) {
        int length = 200 + rnd.nextInt(6000);
        byte[] value = new byte[length];
        if (rnd.nextBoolean()) {
            rnd.nextBytes(value);
            return value;
        }
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append("{\"user\":").append(rnd.nextInt(1000)).append(",\"name\":\"warp\",\"active\":true}");
        }
        return text.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertWhole(Map<String, byte[]> model, EngineReader engine, String context) {
        assertEquals(model.size(), engine.count(), context + ": key count");
        model.forEach((k, v) -> assertValue(v, engine.get(k).orElse(null), context + ", key " + k));
    }

    private static void assertValue(byte[] expected, byte[] actual, String context) {
        if (expected == null) {
            assertEquals(null, actual, context);
        } else {
            assertArrayEquals(expected, actual, context);
        }
    }
}
