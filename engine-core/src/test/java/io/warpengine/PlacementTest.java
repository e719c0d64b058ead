package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logical shards, hash tags and journaled placement: where keys live, and that moving them loses no read. */
class PlacementTest {

    @TempDir
    Path dir;

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hashTagsPlaceRelatedKeysOnOneLogicalShard() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(4).build())) {
            PutResult profile = engine.put("user:{42}:profile", v("p"));
            PutResult settings = engine.put("user:{42}:settings", v("s"));
            assertEquals(profile.logicalShard(), settings.logicalShard());
            assertEquals(profile.shard(), settings.shard());
            int differ = 0;
            for (int i = 0; i < 50; i++) {
                differ += engine.put("user:" + i + ":profile", v("x")).logicalShard() != profile.logicalShard() ? 1 : 0;
            }
            assertTrue(differ > 40, "untagged keys spread over logical shards: " + differ);
            // "{}" is no tag (nothing between), and only the first {...} counts
            assertEquals(engine.put("a{}b", v("1")).logicalShard(), engine.put("a{}b", v("2")).logicalShard());
            assertEquals(engine.put("x{7}y{8}", v("1")).logicalShard(), engine.put("z{7}", v("1")).logicalShard());
            KeyMetadata m = engine.getWithMetadata("user:{42}:profile").orElseThrow();
            assertEquals(profile.logicalShard(), m.logicalShard());
            assertEquals(engine.placement().ownerOf(m.logicalShard()), m.shard());
            assertArrayEquals(v("p"), m.value());
            assertTrue(engine.getWithMetadata("absent").isEmpty());
        }
    }

    @Test
    void placeShardMovesItsKeysAndSurvivesRestarts() {
        EngineConfig config = EngineConfig.builder(dir).shards(2).logicalShards(8).build();
        int logical;
        int from;
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(List.of(0, 1, 0, 1, 0, 1, 0, 1), engine.placement().owners());
            for (int i = 0; i < 200; i++) {
                engine.put("k" + i, v("v" + i));
            }
            PutResult r = engine.put("mover", v("m"));
            logical = r.logicalShard();
            from = r.shard();
            List<Long> before = engine.stats().shardKeyCounts();
            long sequence = engine.placeShard(logical, 1 - from);
            assertEquals(r.sequence() + 1, sequence);
            assertEquals(1 - from, engine.placement().ownerOf(logical));
            assertEquals(1 - from, engine.put("mover", v("m2")).shard(), "writes follow the table");
            List<Long> after = engine.stats().shardKeyCounts();
            assertTrue(after.get(from) < before.get(from) && after.get(1 - from) > before.get(1 - from),
                    before + " -> " + after);
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(v("v" + i), engine.get("k" + i).orElseThrow(), "k" + i);
            }
            engine.checkpoint();
            engine.placeShard(0, 1); // after the snapshot: replayed from the journal
        }
        EngineConfig noCloseCheckpoint = EngineConfig.builder(dir).shards(2).logicalShards(8).checkpointOnClose(false)
                .build();
        for (int round = 0; round < 2; round++) {
            try (WarpEngine engine = WarpEngine.open(noCloseCheckpoint)) {
                assertEquals(1 - from, engine.placement().ownerOf(logical), "round " + round);
                assertEquals(1, engine.placement().ownerOf(0));
                assertEquals(1 - from, engine.getWithMetadata("mover").orElseThrow().shard());
                assertArrayEquals(v("m2"), engine.get("mover").orElseThrow());
                assertEquals(201, engine.stats().keyCount());
                if (round == 0) {
                    engine.checkpoint(); // the second round starts from this snapshot, holding the table
                }
            }
        }
        // Another shape (4 writers) starts from the default spread; nothing is lost
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(4).logicalShards(8).build())) {
            assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3), engine.placement().owners());
            assertEquals(201, engine.stats().keyCount());
            assertArrayEquals(v("m2"), engine.get("mover").orElseThrow());
        }
    }

    @Test
    void badPlacementsAreRefusedWithTheLimits() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(2).logicalShards(16).build())) {
            assertMessage("no logical shard 16: there are 16 (setting logical.shards)", () -> engine.placeShard(16, 0));
            assertMessage("no writer 2: there are 2 (setting shards)", () -> engine.placeShard(0, 2));
            assertMessage("no logical shard -1", () -> engine.placeShard(-1, 0));
            assertEquals(0, engine.stats().lastSequence());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WarpEngine.open(EngineConfig.builder(dir).shards(8).logicalShards(4).build()));
        assertTrue(e.getMessage().contains("'logical.shards' (4) must be at least setting 'shards' (8)"), e.getMessage());
    }

    /**
     * Logical shards move back and forth between writers while readers get keys that always exist and sum
     * accounts with getAll: no get may miss, no getAll may see a half-moved shard.
     */
    @Test
    void readsNeverMissAKeyWhileItsShardMoves() throws Exception {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(3).logicalShards(4).build())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                keys.add("key-" + i);
                engine.put(keys.get(i), v("value-" + i));
            }
            ReadsBesideMoves.run(engine, keys, n -> engine.placeShard((int) (n % 4), (int) (n % 3)),
                g -> keys.subList(0, 500));
            assertNotEquals(0, engine.stats().lastSequence());
        }
    }

    /**
     * Checkpoints taken while logical shards (and entangled keys) move between writers: a fuzzy cut visits the stores one after the
     * other, so a key moving into a store already visited and out of one not yet visited would be in neither.
     * Recovery from each snapshot alone (the journal after it holds only the moves) must still find every key. (With
     * the moved keys left out of the cut, snapshots here lost 476 to 2,389 of 20,000 keys.)
     */
    @Test
    void checkpointsWhileShardsMoveLoseNoKey() throws Exception {
        EngineConfig config = EngineConfig.builder(dir).shards(3).logicalShards(4).checkpointOnClose(false)
                .checkpointEveryOperations(0).checkpointEverySeconds(0).snapshotsKeep(100).entangleMaxRelated(1000)
                .build();
        int keys = 20_000;
        int checkpoints = 8;
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int b = 0; b < keys / 1000; b++) {
                Batch load = engine.batch();
                for (int i = b * 1000; i < (b + 1) * 1000; i++) {
                    load.put("key-" + i, v("value-" + i));
                }
                load.commit();
            }
            for (int c = 0; c < checkpoints; c++) { // each checkpoint beside a burst of moves, as a rebalancer makes
                int burst = c;
                List<String> group = new ArrayList<>();
                for (int i = burst * 1000; i < burst * 1000 + 1000; i++) {
                    group.add("key-" + i);
                }
                AtomicReference<Throwable> moverFailure = new AtomicReference<>();
                CountDownLatch firstMove = new CountDownLatch(1); // else a checkpoint may find nothing new to write
                Thread mover = new Thread(() -> { // logical shards, and entangled keys (gravity), move
                    try {
                        for (int m = 0; m < 40; m++) {
                            if (m == 1) {
                                firstMove.countDown();
                            }
                            if (m % 2 == 0) {
                                engine.placeShard((burst + m) % 4, (m / 4 + burst) % 3);
                            } else if (m % 4 == 1) {
                                engine.entangle("primary-" + m, group, 0.5);
                            } else {
                                engine.disentangle("primary-" + (m - 2), group);
                            }
                        }
                    } catch (Throwable t) {
                        moverFailure.set(t);
                    } finally {
                        firstMove.countDown();
                    }
                });
                mover.start();
                assertTrue(firstMove.await(30, TimeUnit.SECONDS));
                engine.checkpoint();
                mover.join();
                assertNull(moverFailure.get());
            }
        }
        List<Path> snapshots;
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.SNAPSHOT_DIR))) {
            snapshots = files.sorted().toList();
        }
        assertEquals(checkpoints, snapshots.size(), snapshots.toString());
        for (Path snapshot : snapshots) { // a data directory holding its id, the journal and this snapshot only
            Path copy = dir.resolve("copy-of-" + snapshot.getFileName());
            Files.createDirectories(copy);
            Files.copy(dir.resolve(DataDirectoryId.FILE_NAME), copy.resolve(DataDirectoryId.FILE_NAME));
            copyTree(dir.resolve(WarpEngine.JOURNAL_DIR), copy.resolve(WarpEngine.JOURNAL_DIR));
            Files.createDirectories(copy.resolve(WarpEngine.SNAPSHOT_DIR));
            Files.copy(snapshot, copy.resolve(WarpEngine.SNAPSHOT_DIR).resolve(snapshot.getFileName()));
            EngineConfig one = EngineConfig.builder(copy).shards(3).logicalShards(4).checkpointOnClose(false).build();
            try (WarpEngine engine = WarpEngine.open(one)) {
                assertEquals(snapshot.getFileName(), engine.recovery().snapshotFile().getFileName());
                assertEquals(keys, engine.stats().keyCount(), "recovered from " + snapshot.getFileName());
                for (int i = 0; i < keys; i++) {
                    assertArrayEquals(v("value-" + i), engine.get("key-" + i).orElseThrow(), "key-" + i);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static void assertMessage(String part, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
