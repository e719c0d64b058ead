package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getWithMetadata: the sequence and time of a key's last write, through overwrites, batches, replays and snapshots. */
class KeyMetadataTest {

    @TempDir
    Path dir;

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    @Test
    void theLastWriteIsKeptThroughReplayAndSnapshots() {
        EngineConfig config = EngineConfig.builder(dir).shards(2).checkpointOnClose(false).build();
        long before = nowMicros();
        long first;
        long batch;
        long written;
        try (WarpEngine engine = WarpEngine.open(config)) {
            first = engine.put("a", v("1")).sequence();
            engine.put("b", v("2"));
            KeyMetadata a = engine.getWithMetadata("a").orElseThrow();
            assertEquals(first, a.sequence());
            assertTrue(a.writtenMicros() >= before && a.writtenMicros() <= nowMicros(), a.toString());
            assertEquals(a.writtenMicros(), ChronoUnit.MICROS.between(Instant.EPOCH, a.written().orElseThrow()));

            long overwrite = engine.put("a", v("3")).sequence();
            assertEquals(overwrite, engine.getWithMetadata("a").orElseThrow().sequence());
            assertArrayEquals(v("3"), engine.getWithMetadata("a").orElseThrow().value());
            batch = engine.batch().put("a", v("4")).put("c", v("5")).commit().sequence();
            assertEquals(batch, engine.getWithMetadata("a").orElseThrow().sequence());
            assertEquals(batch, engine.getWithMetadata("c").orElseThrow().sequence());
            written = engine.getWithMetadata("c").orElseThrow().writtenMicros();
            assertEquals(first + 1, engine.getWithMetadata("b").orElseThrow().sequence());
            assertEquals(3, engine.stats().valueBytes()); // "2", "4", "5": the 16-byte trailers are not counted
        }
        try (WarpEngine engine = WarpEngine.open(config)) { // the journal alone
            assertEquals(batch, engine.getWithMetadata("a").orElseThrow().sequence());
            assertEquals(written, engine.getWithMetadata("c").orElseThrow().writtenMicros());
            engine.checkpoint();
        }
        try (WarpEngine engine = WarpEngine.open(config)) { // the snapshot
            assertNotNull(engine.recovery().snapshotFile());
            assertEquals(0, engine.recovery().entriesReplayed());
            assertEquals(batch, engine.getWithMetadata("a").orElseThrow().sequence());
            assertEquals(written, engine.getWithMetadata("c").orElseThrow().writtenMicros());
            assertEquals(first + 1, engine.getWithMetadata("b").orElseThrow().sequence());
            assertArrayEquals(v("4"), engine.get("a").orElseThrow());
        }
    }

    /** A point-in-time view answers getWithMetadata, quantumGet, placement and logicalShardOf as of its target. */
    @Test
    void pointInTimeViewsAnswerThePhysicsReadsAsOfTheirTarget() {
        EngineConfig config = EngineConfig.builder(dir).shards(2).logicalShards(64).checkpointOnClose(false).build();
        long written;
        long entangled;
        int primaryShard;
        try (WarpEngine engine = WarpEngine.open(config)) {
            written = engine.put("a", v("1")).sequence();
            engine.put("b", v("2"));
            primaryShard = engine.logicalShardOf("a");
            engine.entangle("a", List.of("b", "c"), 0.7);
            entangled = engine.stats().lastSequence();
            engine.put("a", v("3"));
            engine.disentangle("a", List.of("b", "c"));
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(entangled))) {
            KeyMetadata a = view.getWithMetadata("a").orElseThrow();
            assertEquals(written, a.sequence());
            assertArrayEquals(v("1"), a.value());
            QuantumResult q = view.quantumGet("a");
            assertEquals(List.of("b"), q.entangled().stream().map(Entangled::key).toList());
            assertEquals(0.5, q.efficiency()); // c holds no value
            assertEquals(primaryShard, view.logicalShardOf("b"));
            assertEquals(primaryShard, view.getWithMetadata("b").orElseThrow().logicalShard());
            assertEquals(64, view.placement().logicalShards());
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(entangled + 2))) {
            assertTrue(view.quantumGet("a").entangled().isEmpty());
            assertEquals(0, view.placement().pinnedKeys());
            assertArrayEquals(v("3"), view.getWithMetadata("a").orElseThrow().value());
        }
    }
}
