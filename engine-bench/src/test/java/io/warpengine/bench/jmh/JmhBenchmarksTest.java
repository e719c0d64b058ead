package io.warpengine.bench.jmh;

import io.warpengine.WaitStrategyKind;
import io.warpengine.journal.EntryCodec;
import io.warpengine.journal.JournalEntry;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JMH set-up is generated, and the benchmark bodies do the work they claim (run directly, not via JMH). */
class JmhBenchmarksTest {

    /** Fails when the annotation processor did not run: ./warp jmh would find nothing to run. */
    @Test
    void benchmarkListNamesEveryBenchmark() throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = getClass().getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertNotNull(in, BenchmarkList.BENCHMARK_LIST + " was not generated");
            for (BenchmarkListEntry e : BenchmarkList.readBenchmarkList(in)) {
                names.add(e.getUsername());
            }
        }
        String p = "io.warpengine.bench.jmh.";
        assertEquals(Set.of(
                p + "EntryCodecBenchmark.encodePut", p + "EntryCodecBenchmark.encodeDelete",
                p + "EntryCodecBenchmark.decodePut", p + "EntryCodecBenchmark.decodeDelete",
                p + "ShardStateBenchmark.getHit", p + "ShardStateBenchmark.getMiss",
                p + "ShardStateBenchmark.putOverwrite", p + "ShardStateBenchmark.putInsert",
                p + "ShardStateBenchmark.remove",
                p + "RingPublishBenchmark.publish", p + "RingPublishBenchmark.enginePut1Thread",
                p + "RingPublishBenchmark.enginePut2Threads", p + "RingPublishBenchmark.engineGet1Thread"), names);
    }

    @Test
    void codecFramesDecodeToWhatWasEncoded() {
        EntryCodecBenchmark b = new EntryCodecBenchmark();
        b.setUp();
        JournalEntry.Put put = (JournalEntry.Put) b.decodePut();
        assertEquals(EntryCodecBenchmark.KEY_BYTES, put.key().length());
        assertEquals(EntryCodecBenchmark.VALUE_BYTES, put.value().length);

        JournalEntry.Put reencoded = (JournalEntry.Put) decode(b.encodePut());
        assertEquals(put.sequence() + 1, reencoded.sequence(), "each encode takes a new sequence");
        assertEquals(put.key(), reencoded.key());
        assertArrayEquals(put.value(), reencoded.value());

        assertEquals(put.key(), ((JournalEntry.Delete) b.decodeDelete()).key());
        JournalEntry deleted = decode(b.encodeDelete());
        assertTrue(deleted instanceof JournalEntry.Delete d && d.key().equals(put.key()), deleted.toString());
    }

    @Test
    void shardOperationsHitMissAndRestoreTheirBatches() {
        ShardStateBenchmark b = new ShardStateBenchmark();
        ShardStateBenchmark.Loaded loaded = new ShardStateBenchmark.Loaded();
        loaded.keys = 2 * ShardStateBenchmark.BATCH;
        loaded.load();
        for (int i = 0; i < loaded.keys; i++) {
            assertNotNull(b.getHit(loaded));
            assertNull(b.getMiss(loaded));
            assertTrue(b.putOverwrite(loaded));
        }
        assertEquals(loaded.keys, loaded.shard.keyCount());

        ShardStateBenchmark.InsertBatches inserts = new ShardStateBenchmark.InsertBatches();
        inserts.keys = loaded.keys;
        inserts.load();
        inserts.removeInserted();
        for (int i = 0; i < ShardStateBenchmark.BATCH; i++) {
            assertFalse(b.putInsert(inserts), "a fresh key was present");
        }
        assertThrows(IllegalStateException.class, () -> b.putInsert(inserts));
        assertEquals(inserts.keys + ShardStateBenchmark.BATCH, inserts.shard.keyCount());
        inserts.removeInserted();
        assertEquals(inserts.keys, inserts.shard.keyCount());

        ShardStateBenchmark.RemoveBatches removes = new ShardStateBenchmark.RemoveBatches();
        removes.keys = loaded.keys;
        removes.load();
        removes.putBackRemoved();
        for (int i = 0; i < ShardStateBenchmark.BATCH; i++) {
            assertTrue(b.remove(removes), "a stored key was absent");
        }
        removes.putBackRemoved();
        assertEquals(removes.keys, removes.shard.keyCount());
    }

    @Test
    void ringPublishesAndEnginePutsRoundTrip() throws IOException {
        RingPublishBenchmark b = new RingPublishBenchmark();
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        RingPublishBenchmark.Ring ring = new RingPublishBenchmark.Ring();
        ring.waitStrategy = WaitStrategyKind.PHASED;
        ring.start();
        long last = -1;
        for (int i = 0; i < 4 * RingPublishBenchmark.RING_SIZE; i++) { // wraps: the handler must keep up
            last = b.publish(ring, bh);
        }
        ring.stop();
        assertEquals(4L * RingPublishBenchmark.RING_SIZE - 1, last);

        RingPublishBenchmark.Engine engine = new RingPublishBenchmark.Engine();
        engine.open();
        RingPublishBenchmark.Caller caller = new RingPublishBenchmark.Caller();
        try {
            long loaded = RingPublishBenchmark.ENGINE_KEYS;
            assertEquals(loaded + 1, b.enginePut1Thread(engine, caller).sequence());
            assertEquals(loaded + 2, b.enginePut2Threads(engine, caller).sequence());
            assertEquals(RingPublishBenchmark.VALUE_BYTES, b.engineGet1Thread(engine, caller).orElseThrow().length);
            assertArrayEquals(engine.value, engine.engine.get(engine.keys[1]).orElseThrow());
        } finally {
            engine.close();
        }
        assertFalse(Files.exists(engine.dir), "the trial's directory was left behind");
    }

    private static JournalEntry decode(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return new EntryCodec().decode(bytes, bytes.length);
    }
}
