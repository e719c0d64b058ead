package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.core.CommandLog;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader.ReplayResult;
import io.warpengine.snapshot.SnapshotFiles;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * I/O errors injected where the engine meets its disk ({@link StorageSeams}): a failing journal append or fsync
 * stops the engine's writes with that cause, releases every caller waiting on it, and loses no acknowledged write;
 * a failing snapshot write, fsync, rename or directory sync fails that checkpoint alone and leaves no partial file.
 */
class IoFaultTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.warpengine.core.EngineHealth", "io.warpengine.core.Checkpointer");

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private static byte[] value(String key) {
        return ("value of " + key).getBytes(StandardCharsets.UTF_8);
    }

    /** The command log, failing its {@code failAppend}-th append or {@code failFlush}-th flush (0: never). */
    private static final class FailingLog implements CommandLog {
        private final CommandLog log;
        private final long failAppend;
        private final long failFlush;
        private final AtomicLong appends = new AtomicLong();
        private final AtomicLong flushes = new AtomicLong();

        FailingLog(CommandLog log, long failAppend, long failFlush) {
            this.log = log;
            this.failAppend = failAppend;
            this.failFlush = failFlush;
        }

        @Override
        public void append(long sequence, long timestampMicros, Command command) {
            if (appends.incrementAndGet() == failAppend) {
                throw new UncheckedIOException(new IOException("injected: append failed"));
            }
            log.append(sequence, timestampMicros, command);
        }

        @Override
        public void flush() {
            if (flushes.incrementAndGet() == failFlush) {
                throw new UncheckedIOException(new IOException("injected: fsync failed"));
            }
            log.flush();
        }

        @Override
        public long bytesAppended() {
            return log.bytesAppended();
        }

        @Override
        public long diskBytes() {
            return log.diskBytes();
        }

        @Override
        public long firstSequence() {
            return log.firstSequence();
        }

        @Override
        public long lastSequence() {
            return log.lastSequence();
        }

        @Override
        public ReplayResult replay(long fromSequence, Predicate<JournalEntry> stopBefore, Consumer<JournalEntry> sink) {
            return log.replay(fromSequence, stopBefore, sink);
        }

        @Override
        public void cutDamagedTail(ReplayResult replay) {
            log.cutDamagedTail(replay);
        }

        @Override
        public List<Path> deleteCoveredUpTo(long coveredSequence) {
            return log.deleteCoveredUpTo(coveredSequence);
        }

        @Override
        public void close() {
            log.close();
        }
    }

    @Test
    void aFailedAppendStopsWritesWithItsCauseAndLosesNoAcknowledgedWrite() throws Exception {
        writeUntilTheLogFails(EngineConfig.builder(dir).build(), 2_000, 0, "injected: append failed");
    }

    @Test
    void aFailedFsyncFailsItsWholeGroupCommitAndLosesNoAcknowledgedWrite() throws Exception {
        writeUntilTheLogFails(EngineConfig.builder(dir).durability(Durability.POWER).build(), 0, 200,
                "injected: fsync failed");
    }

    private void writeUntilTheLogFails(EngineConfig config, long failAppend, long failFlush, String cause)
            throws Exception {
        StorageSeams failing = new StorageSeams(log -> new FailingLog(log, failAppend, failFlush), files -> files);
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        try (WarpEngine engine = WarpEngine.open(config, failing)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (int i = 0; ; i++) {
                        String key = "t" + thread + "-" + i;
                        try {
                            if (i % 3 == 0) {
                                engine.putAsync(key, value(key)).join();
                            } else {
                                engine.put(key, value(key));
                            }
                            acknowledged.put(key, value(key));
                        } catch (RuntimeException e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                            return;
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(THREADS, failures.size(), "every writer was released with the failure");
            for (Throwable failure : failures) {
                assertTrue(chain(failure).contains(cause), chain(failure));
            }
            assertTrue(engine.failure().isPresent(), "the engine reports that it failed");
            assertTrue(chain(engine.failure().get()).contains(cause), chain(engine.failure().get()));
            RuntimeException later = assertThrows(RuntimeException.class, () -> engine.put("later", value("later")));
            assertTrue(chain(later).contains(cause), chain(later));
            String someKey = acknowledged.keySet().iterator().next();
            assertArrayEquals(acknowledged.get(someKey), engine.get(someKey).orElseThrow(), "reads go on");
        }
        List<LogCapture.Entry> errors = log.entries("ERROR", "io.warpengine.core.EngineHealth");
        assertEquals(1, errors.size(), "the engine's failure is logged once: " + errors);
        assertTrue(errors.get(0).message().startsWith("WarpEngine stops accepting writes: "), errors.get(0).message());
        assertTrue(errors.get(0).text().contains(cause), errors.get(0).text());
        assertTrue(acknowledged.size() > 50, "only " + acknowledged.size() + " writes before the fault");
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (Map.Entry<String, byte[]> write : acknowledged.entrySet()) {
                assertArrayEquals(write.getValue(), engine.get(write.getKey()).orElse(null), write.getKey());
            }
            assertTrue(engine.failure().isEmpty());
            engine.put("after reopening", value("after reopening"));
        }
    }

    /** The snapshot store's operations, one of them failing once. */
    enum SnapshotStep { WRITE, SYNC, MOVE, SYNC_DIRECTORY }

    private static final class FailingSnapshotFiles implements SnapshotFiles {
        private final SnapshotFiles files;
        private final SnapshotStep failing;
        private boolean failed;

        FailingSnapshotFiles(SnapshotFiles files, SnapshotStep failing) {
            this.files = files;
            this.failing = failing;
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
            files.createDirectories(directory);
        }

        private void maybeFail(SnapshotStep step) throws IOException {
            if (step == failing && !failed) {
                failed = true;
                throw new IOException("injected: snapshot " + step + " failed");
            }
        }

        @Override
        public OutputStream create(Path file) throws IOException {
            OutputStream out = files.create(file);
            if (failing != SnapshotStep.WRITE) {
                return out;
            }
            return new FilterOutputStream(out) { // fails part-way through the file
                private long written;

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    written += len;
                    if (written > 20_000) {
                        maybeFail(SnapshotStep.WRITE);
                    }
                    out.write(b, off, len);
                }
            };
        }

        @Override
        public void sync(Path file) throws IOException {
            maybeFail(SnapshotStep.SYNC);
            files.sync(file);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            maybeFail(SnapshotStep.MOVE);
            files.move(from, to);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            maybeFail(SnapshotStep.SYNC_DIRECTORY);
            files.syncDirectory(directory);
        }
    }

    @ParameterizedTest
    @EnumSource(SnapshotStep.class)
    void aFailedSnapshotStepFailsThatCheckpointAloneAndLeavesNoPartialFile(SnapshotStep step) throws Exception {
        EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0).build();
        StorageSeams failing = new StorageSeams(log -> log, files -> new FailingSnapshotFiles(files, step));
        try (WarpEngine engine = WarpEngine.open(config, failing)) {
            for (int i = 0; i < 5_000; i++) {
                engine.put("k" + i, value("k" + i));
            }
            RuntimeException failure = assertThrows(RuntimeException.class, engine::checkpoint);
            assertTrue(chain(failure).contains("injected: snapshot " + step), chain(failure));
            List<String> snapshots = snapshotFiles();
            assertTrue(snapshots.stream().noneMatch(f -> f.endsWith(".tmp")), "no partial file: " + snapshots);
            if (step != SnapshotStep.SYNC_DIRECTORY) { // after the rename the file is whole, synced and in place
                assertEquals(List.of(), snapshots.stream().filter(f -> f.endsWith(".wsnap")).toList());
            }
            assertTrue(engine.failure().isEmpty(), "a failed checkpoint does not stop the engine");
            engine.put("after the failed checkpoint", value("x"));
            assertTrue(engine.checkpoint() > 0, "the next checkpoint succeeds");
        }
        List<LogCapture.Entry> errors = log.entries("ERROR", "io.warpengine.core.Checkpointer");
        assertEquals(1, errors.size(), "the failed checkpoint is logged once: " + errors);
        assertEquals("Checkpoint at sequence 5000 failed", errors.get(0).message());
        assertTrue(errors.get(0).text().contains("injected: snapshot " + step), errors.get(0).text());
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertTrue(engine.recovery().snapshotSequence() > 0, "recovery starts from the snapshot");
            assertEquals(5_001, engine.stats().keyCount());
            assertArrayEquals(value("k4999"), engine.get("k4999").orElseThrow());
        }
    }

    private List<String> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.SNAPSHOT_DIR))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Every message of a failure and its causes. */
    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append(" <- ");
        }
        return text.toString();
    }
}
