package io.warpengine;

import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read observers see every read of an engine and of a view, and cannot break a read. */
class ReadObserverTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.warpengine.KeyReads");

    @TempDir
    Path dir;

    @Test
    void everyReadIsObservedWithItsShardAndOutcome() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ReadObserver observer = (key, shard, found) -> seen.add(key + "@" + shard + (found ? " hit" : " miss"));
        EngineConfig config = EngineConfig.builder(dir).shards(4).readObserver(observer).build();
        int shardOfA;
        try (WarpEngine engine = WarpEngine.open(config)) {
            shardOfA = engine.put("a", new byte[]{1}).shard();
            engine.get("a");
            engine.get("missing");
            engine.getAsync("a").join();
        }
        assertEquals("a@" + shardOfA + " hit", seen.get(0));
        assertTrue(seen.get(1).startsWith("missing@") && seen.get(1).endsWith(" miss"), seen.toString());
        assertEquals(3, seen.size(), "writes are not reads: " + seen);

        seen.clear();
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.LATEST)) {
            view.get("a");
        }
        assertEquals(List.of("a@" + shardOfA + " hit"), seen);
    }

    @Test
    void aFailingObserverIsLoggedAndTheReadStillReturns() {
        EngineConfig config = EngineConfig.builder(dir).readObserver((key, shard, found) -> {
            throw new IllegalStateException("learner bug");
        }).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.put("k", new byte[]{7});
            assertArrayEquals(new byte[]{7}, engine.get("k").orElseThrow());
        }
        List<LogCapture.Entry> failures = log.entries("WARN", "io.warpengine.KeyReads");
        assertEquals(1, failures.size(), log.entries().toString());
        assertTrue(failures.get(0).message().matches("Read observer .* failed on key k"), failures.get(0).message());
        assertTrue(failures.get(0).text().contains("java.lang.IllegalStateException: learner bug"), failures.get(0).text());
    }

    @Test
    void aNullObserverIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.builder(dir).readObserver(null));
        assertEquals("read observer must not be null", e.getMessage());
    }
}
