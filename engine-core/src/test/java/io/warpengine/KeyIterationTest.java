package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keys, scan and count: against a model across reopens, beside moves between writers, and on bad use. */
class KeyIterationTest {

    private static final String[] PREFIXES = {"", "user:", "user:1", "order:", "o", "none:", "user:{7}:"};

    @TempDir
    Path dir;

    @Test
    void keysScanAndCountMatchASortedModelAcrossReopens() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        TreeMap<String, byte[]> model = new TreeMap<>();
        EngineConfig config = EngineConfig.builder(dir).shards(2).logicalShards(16).build();
        WarpEngine engine = WarpEngine.open(config);
        long lastSequence;
        try {
            for (int op = 0; op < 3000; op++) {
                String key = randomKey(rnd);
                int kind = rnd.nextInt(10);
                if (kind < 5) {
                    byte[] value = ("v" + op).getBytes(StandardCharsets.UTF_8);
                    engine.put(key, value);
                    model.put(key, value);
                } else if (kind < 7) {
                    engine.delete(key);
                    model.remove(key);
                } else if (kind == 7) {
                    String other = randomKey(rnd);
                    engine.batch().put(other, new byte[]{1}).delete(key).commit();
                    model.put(other, new byte[]{1});
                    model.remove(key);
                } else if (kind == 8) {
                    engine.placeShard(rnd.nextInt(16), rnd.nextInt(2));
                } else {
                    assertIterationMatches(model, engine, "seed " + seed + ", op " + op);
                }
                if (rnd.nextInt(500) == 0) {
                    engine.close();
                    engine = WarpEngine.open(config);
                }
            }
            assertIterationMatches(model, engine, "seed " + seed + ", at the end");
            lastSequence = engine.stats().lastSequence();
        } finally {
            engine.close();
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(lastSequence))) {
            assertIterationMatches(model, view, "seed " + seed + ", point-in-time view");
        }
    }

    @Test
    void everyKeyPresentThroughoutIsListedOnceWhileShardsMoveAndOtherKeysChange() throws Exception {
        EngineConfig config = EngineConfig.builder(dir).shards(2).logicalShards(8).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            List<String> stable = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                stable.add("stable:" + i);
                engine.put("stable:" + i, new byte[]{(byte) i});
            }
            stable.sort(null);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int n = 0; !stop.get(); n++) {
                        engine.placeShard(n % 8, (n / 8) % 2);
                        engine.put("churn:" + (n % 100), new byte[]{1});
                        engine.delete("churn:" + ((n + 50) % 100));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                int scans = 0;
                while (System.nanoTime() < deadline || scans < 20) {
                    List<String> listed = engine.keys("stable:");
                    assertEquals(stable, listed, "scan " + scans + " beside moves");
                    List<String> all = engine.keys("");
                    assertTrue(all.containsAll(stable), "scan " + scans + " of every key missed a stable one");
                    assertEquals(all.stream().distinct().sorted().toList(), all, "listed twice or out of order");
                    scans++;
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertEquals(null, failure.get());
        }
    }

    @Test
    void aValueIsReadWhenTheStreamReachesItAndKeysDeletedBeforeThenAreLeftOut() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            engine.put("a", new byte[]{1});
            engine.put("b", new byte[]{2});
            engine.put("c", new byte[]{3});
            Stream<Map.Entry<String, byte[]>> scan = engine.scan("");
            engine.delete("b");
            engine.put("c", new byte[]{4});
            engine.put("d", new byte[]{5}); // after the keys were listed: not in this scan
            Map<String, byte[]> seen = scan.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(List.of("a", "c"), seen.keySet().stream().sorted().toList());
            assertArrayEquals(new byte[]{4}, seen.get("c"));
            assertEquals(3, engine.count());
        }
    }

    @Test
    void aNullPrefixAndUseAfterCloseAreRefused() {
        WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build());
        engine.put("a", new byte[]{1});
        IllegalArgumentException nullPrefix = assertThrows(IllegalArgumentException.class, () -> engine.keys(null));
        assertTrue(nullPrefix.getMessage().contains("prefix"), nullPrefix.getMessage());
        Stream<Map.Entry<String, byte[]>> open = engine.scan("");
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.keys(""));
        assertThrows(IllegalStateException.class, engine::count);
        assertThrows(IllegalStateException.class, () -> open.forEach(e -> { }));
    }

    private static void assertIterationMatches(TreeMap<String, byte[]> model, EngineReader engine, String context) {
        assertEquals(model.size(), engine.count(), context + ": count");
        for (String prefix : PREFIXES) {
            List<String> expected = model.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
            assertEquals(expected, engine.keys(prefix), context + ": keys('" + prefix + "')");
            List<Map.Entry<String, byte[]>> scanned = engine.scan(prefix).toList();
            assertEquals(expected, scanned.stream().map(Map.Entry::getKey).toList(), context + ": scan('" + prefix + "')");
            for (Map.Entry<String, byte[]> entry : scanned) {
                assertArrayEquals(model.get(entry.getKey()), entry.getValue(), context + ": value of " + entry.getKey());
            }
        }
    }

    private static String randomKey(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "user:" + rnd.nextInt(40);
            case 1 -> "order:" + rnd.nextInt(40);
            case 2 -> "user:{7}:" + rnd.nextInt(10);
            default -> "k" + rnd.nextInt(20);
        };
    }
}
