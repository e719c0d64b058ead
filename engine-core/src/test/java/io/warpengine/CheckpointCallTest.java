package io.warpengine;

import io.warpengine.snapshot.SnapshotFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WarpEngine#checkpoint()} while another checkpoint is being written: it returns a snapshot holding every write
 * that returned before the call, not the one already running (which started before those writes).
 */
class CheckpointCallTest {

    @TempDir
    Path dir;

    @Test
    void aCheckpointCallCoversEveryWriteBeforeItEvenWithOneRunning() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StorageSeams seams = new StorageSeams(log -> log, files -> new HeldSync(files, syncing, release));
        EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0)
                .checkpointOnClose(false).build();
        try (WarpEngine engine = WarpEngine.open(config, seams)) {
            engine.put("a", new byte[]{1});
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(engine::checkpoint);
            assertTrue(syncing.await(20, TimeUnit.SECONDS), "the first checkpoint never reached its sync");
            long second = engine.put("b", new byte[]{2}).sequence();
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(engine::checkpoint);
            assertFalse(call.isDone());
            release.countDown();
            assertEquals(1, first.get(20, TimeUnit.SECONDS));
            long covered = call.get(20, TimeUnit.SECONDS);
            assertTrue(covered >= second, "checkpoint() returned snapshot " + covered + ", before write " + second);
        }
        try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.LATEST)) {
            assertEquals(2, view.recovery().snapshotSequence(), "the newest snapshot holds both writes");
        }
    }

    /** The first snapshot file's sync waits for the test: a checkpoint held running. */
    private static final class HeldSync implements SnapshotFiles {
        private final SnapshotFiles files;
        private final CountDownLatch syncing;
        private final CountDownLatch release;

        HeldSync(SnapshotFiles files, CountDownLatch syncing, CountDownLatch release) {
            this.files = files;
            this.syncing = syncing;
            this.release = release;
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
            files.createDirectories(directory);
        }

        @Override
        public OutputStream create(Path file) throws IOException {
            return files.create(file);
        }

        @Override
        public void sync(Path file) throws IOException {
            if (syncing.getCount() > 0) {
                syncing.countDown();
                try {
                    if (!release.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IOException("the test never released the held sync");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            files.sync(file);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            files.move(from, to);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            files.syncDirectory(directory);
        }
    }
}
