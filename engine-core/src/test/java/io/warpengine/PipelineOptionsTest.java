package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.command.CommandObserver;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every wait strategy, both durabilities, and the observer slot, through the public API. */
class PipelineOptionsTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.warpengine.core.ObserverHandler");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(WaitStrategyKind.class)
    void everyWaitStrategyServesSyncAndAsyncCallers(WaitStrategyKind kind) throws Exception {
        writeAndReopen(EngineConfig.builder(dir).waitStrategy(kind).shards(2).build());
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyDurabilityAcknowledgesAndRecovers(Durability durability) throws Exception {
        writeAndReopen(EngineConfig.builder(dir).durability(durability).build());
    }

    private void writeAndReopen(EngineConfig config) throws Exception {
        List<CompletableFuture<PutResult>> pending = new ArrayList<>();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < 500; i++) {
                engine.put("sync-" + i, bytes(i));
                pending.add(engine.putAsync("async-" + i, bytes(i)));
            }
            for (CompletableFuture<PutResult> f : pending) {
                f.get();
            }
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(1000, engine.stats().keyCount());
            assertArrayEquals(bytes(499), engine.get("async-499").orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 3})
    void observersSeeEveryAppliedCommandInSequenceOrder(int shards) throws Exception {
        List<String> seen = new ArrayList<>(); // written by the observer thread only; read after close
        CommandObserver observer = (command, sequence, shard, existed, endOfBatch) ->
                seen.add(sequence + " " + (command instanceof Command.Put ? "put " : "delete ") + ((Command.Write) command).key()
                        + " existed=" + existed);
        List<String> expected = new ArrayList<>();
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).shards(shards).observer(observer).build())) {
            for (int i = 1; i <= 300; i++) {
                String key = "k" + (i % 50);
                if (i % 3 == 0) {
                    boolean existed = engine.deleteAsync(key).get();
                    expected.add(i + " delete " + key + " existed=" + existed);
                } else {
                    boolean existed = engine.get(key).isPresent();
                    engine.put(key, bytes(i));
                    expected.add(i + " put " + key + " existed=" + existed);
                }
            }
        } // close() runs every published command through every stage before it returns
        assertEquals(expected, seen);
    }

    @Test
    void observerFailureDoesNotStopTheEngine() {
        CommandObserver broken = (command, sequence, shard, existed, endOfBatch) -> {
            throw new IllegalStateException("observer bug");
        };
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).observer(broken).build())) {
            for (int i = 0; i < 100; i++) {
                engine.put("k" + i, bytes(i));
            }
            assertEquals(100, engine.stats().keyCount());
        }
        List<LogCapture.Entry> failures = log.entries("WARN", "io.warpengine.core.ObserverHandler");
        assertEquals(100, failures.size(), "one warning per write the observer failed on");
        assertTrue(failures.get(0).message().matches("Observer .* failed on sequence 1"), failures.get(0).message());
        assertTrue(failures.get(0).text().contains("java.lang.IllegalStateException: observer bug"), failures.get(0).text());
    }

    private static byte[] bytes(int i) {
        return ("value-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
