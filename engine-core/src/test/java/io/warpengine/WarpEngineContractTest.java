package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.command.CommandObserver;
import io.warpengine.journal.EntryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarpEngineContractTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putGetDeleteAndSequences() {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            PutResult first = engine.put("a", utf8("1"));
            PutResult second = engine.put("b", utf8("2"));
            assertEquals(1, first.sequence());
            assertEquals(2, second.sequence());
            assertArrayEquals(utf8("1"), engine.get("a").orElseThrow());
            assertTrue(engine.delete("a"));
            assertFalse(engine.delete("a"), "second delete of the same key");
            assertEquals(Optional.empty(), engine.get("a"));
            EngineStats stats = engine.stats();
            assertEquals(1, stats.keyCount());
            assertEquals(1, stats.valueBytes());
            assertEquals(4, stats.lastSequence());
            assertEquals(List.of(1L), stats.shardKeyCounts());
            assertTrue(stats.journalBytes() > 0);
            EntryCodec codec = new EntryCodec();
            long frames = codec.encodePut(1, 0, utf8("a"), utf8("1")).limit() + codec.encodePut(2, 0, utf8("b"), utf8("2")).limit()
                    + 2L * codec.encodeDelete(3, 0, utf8("a")).limit();
            assertEquals(frames + 4 * 4, stats.journalBytesSinceOpen(), "four entries, each with a 4-byte Chronicle header");
        }
        try (WarpEngine engine = WarpEngine.open(dir)) {
            assertEquals(4, engine.recovery().lastSequence());
            assertEquals(5, engine.put("c", utf8("3")).sequence(), "sequences continue after reopen");
            assertArrayEquals(utf8("2"), engine.get("b").orElseThrow());
        }
    }

    @Test
    void arraysAreCopiedInAndOut() {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            byte[] value = utf8("original");
            engine.put("k", value);
            value[0] = 'X';
            byte[] read = engine.get("k").orElseThrow();
            assertArrayEquals(utf8("original"), read);
            read[0] = 'Y';
            assertArrayEquals(utf8("original"), engine.get("k").orElseThrow());
        }
    }

    @Test
    void badInputIsRefusedWithTheLimitNamedAndNothingJournaled() {
        EngineConfig config = EngineConfig.builder(dir).maxKeyBytes(8).maxValueBytes(16).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertMessage("key must not be null", () -> engine.put(null, new byte[1]));
            assertMessage("key must not be empty", () -> engine.put("", new byte[1]));
            assertMessage("key.max.bytes=8", () -> engine.put("ééééé", new byte[1])); // 10 UTF-8 bytes
            assertMessage("key.max.bytes=8", () -> engine.get("123456789"));
            assertMessage("key.max.bytes=8", () -> engine.deleteAsync("123456789"));
            assertMessage("value must not be null", () -> engine.put("k", null));
            assertMessage("value.max.bytes=16", () -> engine.putAsync("k", new byte[17]));
            assertMessage("unpaired UTF-16 surrogate", () -> engine.put("a\uD800", new byte[1]));
            assertEquals(0, engine.stats().lastSequence());
            engine.put("éééé", new byte[16]); // exactly at both limits
            assertEquals(1, engine.stats().lastSequence());
        }
    }

    @Test
    void callsAfterCloseAreRefusedAndCloseIsIdempotent() {
        WarpEngine engine = WarpEngine.open(dir);
        engine.put("k", new byte[1]);
        engine.close();
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.put("k", new byte[1]));
        assertThrows(IllegalStateException.class, () -> engine.get("k"));
        assertThrows(IllegalStateException.class, () -> engine.delete("k"));
        assertThrows(IllegalStateException.class, () -> engine.putAsync("k", new byte[1]));
        assertThrows(IllegalStateException.class, () -> engine.getAsync("k"));
        assertThrows(IllegalStateException.class, () -> engine.deleteAsync("k"));
        assertThrows(IllegalStateException.class, engine::stats);
    }

    @Test
    void secondEngineOnTheSameDirectoryIsRefused() {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            engine.put("k", utf8("v"));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> WarpEngine.open(dir));
            assertTrue(e.getMessage().contains("in use by another WarpEngine of this process (pid "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
            assertArrayEquals(utf8("v"), engine.get("k").orElseThrow(), "the first engine is unharmed");
        }
        try (WarpEngine engine = WarpEngine.open(dir)) {
            assertArrayEquals(utf8("v"), engine.get("k").orElseThrow(), "the lock is released on close");
        }
    }

    @Test
    void aFileWhereTheDataDirectoryShouldBeIsNamedAsSuch() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarpEngine.open(file));
        assertTrue(e.getMessage().contains(file + " is not a directory"), e.getMessage());
    }

    @Test
    void asyncVariantsComplete() throws Exception {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            PutResult r = engine.putAsync("k", utf8("v")).get();
            assertEquals(1, r.sequence());
            assertEquals(0, r.shard());
            assertArrayEquals(utf8("v"), engine.getAsync("k").get().orElseThrow());
            assertTrue(engine.deleteAsync("k").get());
            assertFalse(engine.deleteAsync("k").get());
            assertEquals(Optional.empty(), engine.getAsync("k").get());
        }
    }

    /**
     * Code on an engine thread (here an observer, which always runs on one) may write: a synchronous write takes
     * the writer role itself; an asynchronous one is refused once the ring is full, never a deadlock.
     */
    @Test
    void writesFromAnEngineThreadSucceedOrFailInsteadOfDeadlocking() throws Exception {
        CompletableFuture<Throwable> syncOutcome = new CompletableFuture<>();
        CompletableFuture<List<Throwable>> asyncOutcome = new CompletableFuture<>();
        AtomicReference<WarpEngine> self = new AtomicReference<>();
        CommandObserver writer = (command, sequence, shard, existed, endOfBatch) -> {
            String key = ((Command.Write) command).key();
            if (key.equals("sync")) {
                try {
                    self.get().put("from-observer", utf8("v"));
                    syncOutcome.complete(null);
                } catch (IllegalStateException e) {
                    syncOutcome.complete(e);
                }
            } else if (key.equals("async")) {
                List<Throwable> failures = new ArrayList<>();
                for (int i = 0; i < 200; i++) { // more than the ring holds, while this stage holds its slots
                    try {
                        self.get().putAsync("chained-" + i, utf8("v"));
                    } catch (IllegalStateException e) {
                        failures.add(e);
                    }
                }
                asyncOutcome.complete(failures);
            }
        };
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).ringSize(64).observer(writer).build())) {
            self.set(engine);
            engine.put("sync", utf8("v"));
            assertNull(syncOutcome.get(30, TimeUnit.SECONDS), "a synchronous write from an observer completes");
            assertArrayEquals(utf8("v"), engine.get("from-observer").orElseThrow());
            engine.put("async", utf8("v"));
            List<Throwable> failures = asyncOutcome.get(30, TimeUnit.SECONDS);
            assertFalse(failures.isEmpty(), "a full ring must be reported");
            assertTrue(failures.get(0).getMessage().contains("ring is full"), failures.get(0).getMessage());
            engine.put("barrier", utf8("v")); // one shard, FIFO: every accepted chained write is applied before it
            assertEquals(4 + (200 - failures.size()), engine.stats().keyCount(), "the accepted writes were applied");
        }
    }

    @Test
    void configRefusesUnknownAndInvalidSettingsNamingTheAllowedValues() throws Exception {
        assertMessage("unknown setting 'shard'", () -> EngineConfig.builder(dir).set("shard", "2"));
        assertMessage("'shards': expected an integer from 1 to 64", () -> EngineConfig.builder(dir).shards(0));
        assertMessage("'wait.strategy': expected one of [blocking, sleeping, phased, yielding]",
                () -> EngineConfig.builder(dir).set("wait.strategy", "spin"));
        assertMessage("'ring.size': expected a power of two", () -> EngineConfig.builder(dir).ringSize(1000));
        Path file = dir.resolve("engine.properties");
        Files.writeString(file, "shards=4\ndurability=power\ndata.dir=" + dir.resolve("data") + "\n");
        EngineConfig loaded = EngineConfig.load(file).build();
        assertEquals(4, loaded.shards());
        assertEquals(Durability.POWER, loaded.durability());
        assertEquals(dir.resolve("data"), loaded.dataDir());
        Files.writeString(file, "durability=sometimes\n");
        assertMessage(file + ": invalid value 'sometimes' for setting 'durability': expected one of [process, power]",
                () -> EngineConfig.load(file));
    }

    @Test
    void defaultsComeFromTheConfigFile() throws Exception {
        Path file = Path.of(System.getProperty("warp.root"), "config", "warpengine.properties");
        EngineConfig fromFile = EngineConfig.load(file).build();
        EngineConfig defaults = EngineConfig.builder(Path.of("data")).build();
        assertEquals(fromFile.asProperties(), defaults.asProperties());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
