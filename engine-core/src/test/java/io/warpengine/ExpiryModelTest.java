package io.warpengine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random puts with and without a time to live, expire, persist, deletes, batches, a clock moved forward, checkpoints
 * and reopens, against a model of each key's value and expiry time; reaps run beside it every few ms. After every
 * step each key reads as the model says (value, TTL, presence in keys()), and point-in-time views at recorded
 * sequences read as the model did at that entry's time.
 */
class ExpiryModelTest {

    private static final int OPERATIONS = 2500;
    private static final long START = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** A key's value and expiry time (0: never) in the model. */
    private record Entry(byte[] value, long expiresAt) {
        boolean aliveAt(long now) {
            return expiresAt == 0 || expiresAt > now;
        }
    }

    /** What a view at {@code sequence} must read: the live keys at that entry's time. */
    private record Past(long sequence, Map<String, byte[]> live) {
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void expiryMatchesTheModelAcrossReopensAndViews(int shards) throws Exception {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        String context = "seed " + seed + ", " + shards + " shards";
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));
        EngineConfig config = EngineConfig.builder(dir).shards(shards).logicalShards(16).checkpointOnClose(false)
                .expiryReapMillis(5).clock(clock).build();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            keys.add("k" + i);
        }
        Map<String, Entry> model = new HashMap<>();
        List<Past> past = new ArrayList<>();
        WarpEngine engine = WarpEngine.open(config);
        try {
            for (int op = 0; op < OPERATIONS; op++) {
                String key = keys.get(rnd.nextInt(keys.size()));
                long now = clock.millis();
                Entry old = model.get(key);
                boolean alive = old != null && old.aliveAt(now);
                int kind = rnd.nextInt(20);
                long sequence = -1;
                if (kind < 4) {
                    byte[] value = ("v" + op).getBytes();
                    sequence = engine.put(key, value).sequence();
                    model.put(key, new Entry(value, 0));
                } else if (kind < 8) {
                    byte[] value = ("t" + op).getBytes();
                    long ttl = 1 + rnd.nextInt(3000);
                    sequence = engine.putWithTtl(key, value, Duration.ofMillis(ttl)).sequence();
                    model.put(key, new Entry(value, now + ttl));
                } else if (kind < 10) {
                    long ttl = rnd.nextInt(3100) - 100;
                    assertEquals(alive, engine.expire(key, Duration.ofMillis(ttl)), context + ", expire " + key);
                    if (alive) {
                        model.put(key, new Entry(old.value(), Math.max(1, now + ttl)));
                    }
                } else if (kind < 11) {
                    long at = now + rnd.nextInt(3000);
                    assertEquals(alive, engine.expireAtAsync(key, Instant.ofEpochMilli(at)).get(), context);
                    if (alive) {
                        model.put(key, new Entry(old.value(), at));
                    }
                } else if (kind < 12) {
                    assertEquals(alive && old.expiresAt() != 0, engine.persist(key), context + ", persist " + key);
                    if (alive) {
                        model.put(key, new Entry(old.value(), 0));
                    }
                } else if (kind < 13) {
                    assertEquals(alive, engine.delete(key), context + ", delete " + key);
                    model.remove(key);
                } else if (kind < 14) {
                    String other = keys.get(rnd.nextInt(keys.size()));
                    byte[] value = ("b" + op).getBytes();
                    long at = now + 1 + rnd.nextInt(3000);
                    engine.batch().put(key, value, PutOptions.DEFAULT, Instant.ofEpochMilli(at))
                            .expireAt(other, null).commit();
                    model.put(key, new Entry(value, at));
                    Entry o = model.get(other);
                    if (o != null && o.aliveAt(now)) {
                        model.put(other, new Entry(o.value(), 0));
                    }
                } else if (kind < 17) {
                    clock.advance(rnd.nextInt(1500));
                } else if (kind < 18) {
                    engine.checkpoint();
                } else if (kind < 19 && rnd.nextInt(4) == 0) {
                    engine.close();
                    engine = WarpEngine.open(config);
                }
                if (sequence > 0 && past.size() < 40 && rnd.nextInt(8) == 0) {
                    past.add(new Past(sequence, live(model, clock.millis())));
                }
                checkKey(engine, model, key, clock.millis(), context + ", op " + op);
                if (op % 100 == 0) {
                    checkAll(engine, model, keys, clock.millis(), context + ", op " + op);
                }
            }
            checkAll(engine, model, keys, clock.millis(), context + " at the end");
            clock.advance(10_000); // everything with a TTL expires, and the reaper must reclaim it
            long liveKeys = live(model, clock.millis()).size();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (engine.count() != liveKeys && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(liveKeys, engine.count(), context + ": expired keys not reaped");
            engine.close();
            for (Past p : past) {
                try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(p.sequence()))) {
                    for (String key : keys) {
                        byte[] expected = p.live().get(key);
                        assertArrayEquals(expected, view.get(key).orElse(null),
                                context + ", view at " + p.sequence() + ", key " + key);
                    }
                }
            }
        } finally {
            engine.close();
        }
    }

    private static Map<String, byte[]> live(Map<String, Entry> model, long now) {
        Map<String, byte[]> live = new HashMap<>();
        model.forEach((key, entry) -> {
            if (entry.aliveAt(now)) {
                live.put(key, entry.value());
            }
        });
        return live;
    }

    private static void checkKey(WarpEngine engine, Map<String, Entry> model, String key, long now, String context) {
        Entry entry = model.get(key);
        boolean alive = entry != null && entry.aliveAt(now);
        assertArrayEquals(alive ? entry.value() : null, engine.get(key).orElse(null), context + ", get " + key);
        KeyTtl ttl = engine.ttl(key);
        assertEquals(alive, ttl.exists(), context + ", ttl " + key);
        if (alive) {
            assertEquals(entry.expiresAt(), ttl.expiresAtMillis(), context + ", expiry of " + key);
            assertEquals(entry.expiresAt() == 0 ? 0 : entry.expiresAt() - now, ttl.remainingMillis(), context);
        }
    }

    private static void checkAll(WarpEngine engine, Map<String, Entry> model, List<String> keys, long now,
                                 String context) {
        Map<String, byte[]> live = live(model, now);
        for (String key : keys) {
            checkKey(engine, model, key, now, context);
        }
        assertEquals(live.keySet().stream().sorted().toList(), engine.keys(""), context + ", keys()");
        Map<String, byte[]> all = engine.getAll(keys);
        assertEquals(live.keySet(), all.keySet(), context + ", getAll");
        for (String key : keys) {
            assertFalse(!live.containsKey(key) && engine.getWithMetadata(key).isPresent(), context + ", metadata");
        }
    }
}
