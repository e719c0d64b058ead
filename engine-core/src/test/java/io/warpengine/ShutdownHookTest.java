package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code shutdown.hook}, SIGTERM closes the engine: the close-time checkpoint is written. */
class ShutdownHookTest {

    private static final int WRITES = 500;

    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheEngineWithItsCheckpoint() throws Exception {
        Process child = ChildProcess.start(Writer.class, dir.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
        }
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(1, TimeUnit.MINUTES), "the child exits on SIGTERM");
        EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(WRITES, engine.recovery().snapshotSequence(), "the close-time checkpoint holds every write");
            assertEquals(0, engine.recovery().entriesReplayed());
            assertEquals(WRITES, engine.stats().keyCount());
        }
    }

    /** Writes, says so, then waits to be terminated. */
    public static final class Writer {
        public static void main(String[] args) throws InterruptedException {
            WarpEngine engine = WarpEngine.open(EngineConfig.builder(Path.of(args[0])).shutdownHook(true)
                    .checkpointEveryOperations(0).checkpointEverySeconds(0).build());
            for (int i = 0; i < WRITES; i++) {
                engine.put("k" + i, new byte[]{(byte) i});
            }
            System.out.println("ready");
            System.out.flush();
            new CountDownLatch(1).await(); // until SIGTERM; the hook closes the engine
        }
    }
}
