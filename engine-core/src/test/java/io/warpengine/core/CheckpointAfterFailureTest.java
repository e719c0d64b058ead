package io.warpengine.core;

import io.warpengine.command.Command;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader.ReplayResult;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After the journal fails, every checkpoint request fails with that failure at once: none waits forever. */
class CheckpointAfterFailureTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logged = new LogCapture(EngineHealth.class.getName());

    @Test
    void everyCheckpointOfAFailedEngineFailsAtOnce() {
        EngineHealth health = new EngineHealth();
        ShardSet shards = new ShardSet(new RoutingTable(1, 1), new ShardStore[]{new MapShardStore(16)});
        CommandLog log = new FailsAfterFirstAppend();
        Pipeline pipeline = new Pipeline(64, PhasedWaitStrategy.engineDefault(), log, 0, shards, List.of(), health,
                java.time.Clock.systemUTC());
        try (Checkpointer checkpointer = new Checkpointer(new SnapshotStore(dir, 3), pipeline, shards,
                new JournalRetention(log, false)::afterSnapshot, shards::liveKeys, health, 0, 0, 0)) {
            put(pipeline, "a"); // journaled: there is something to checkpoint
            assertThrows(IllegalStateException.class, () -> put(pipeline, "b")); // the append fails: the engine fails
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < 2; i++) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, checkpointer::checkpoint);
                    assertSame(health.failure(), e);
                }
            });
            assertEquals(1, pipeline.lastSequence());
        } finally {
            pipeline.shutdown();
        }
        List<LogCapture.Entry> errors = logged.entries("ERROR", EngineHealth.class.getName());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).text().contains("java.lang.IllegalStateException: injected append failure"),
                errors.get(0).text());
    }

    private static void put(Pipeline pipeline, String key) {
        pipeline.call(new Command.Put(key, new byte[]{1}), new SyncReply(0, 0));
    }

    /** A command log whose second append fails, as a full disk or an I/O error would make it. */
    private static final class FailsAfterFirstAppend implements CommandLog {
        private int appends;

        @Override
        public void append(long sequence, long timestampMicros, Command command) {
            if (++appends > 1) {
                throw new IllegalStateException("injected append failure");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public long bytesAppended() {
            return 0;
        }

        @Override
        public long diskBytes() {
            return 0;
        }

        @Override
        public long firstSequence() {
            return 0;
        }

        @Override
        public long lastSequence() {
            return 0;
        }

        @Override
        public ReplayResult replay(long fromSequence, Predicate<JournalEntry> stopBefore, Consumer<JournalEntry> sink) {
            return new ReplayResult(0, 0, 0, -1);
        }

        @Override
        public void cutDamagedTail(ReplayResult replay) {
        }

        @Override
        public List<Path> deleteCoveredUpTo(long coveredSequence) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
