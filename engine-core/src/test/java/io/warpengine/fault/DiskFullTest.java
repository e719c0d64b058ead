package io.warpengine.fault;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.TailCutter;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disk fills under the engine: writes fail with an error that says so, no acknowledged write is lost, and
 * once space is freed the engine reopens to exactly the acknowledged state and takes writes again.
 */
class DiskFullTest {

    @RegisterExtension
    final LogCapture log = new LogCapture("io.warpengine.core.EngineHealth", "io.warpengine.core.Checkpointer",
            JournalReader.class.getName(), TailCutter.class.getName(),
            "net.openhft.chronicle.threads.DiskSpaceMonitor");

    @TempDir
    Path tmp;

    private static byte[] value(int i) {
        byte[] v = new byte[1000];
        Arrays.fill(v, (byte) ('a' + i % 26));
        byte[] tag = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, v, 0, tag.length);
        return v;
    }

    @Test
    void journalingOntoAFullDiskLosesNoAcknowledgedWrite() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("mnt"), 24)) {
            Path dir = fs.root().resolve("data");
            int acknowledged = 0;
            RuntimeException failure = null;
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
                for (int i = 0; i < 1_000_000 && failure == null; i++) {
                    try {
                        engine.put("k" + i, value(i));
                        acknowledged = i + 1;
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
            }
            assertNotNull(failure, "24 MiB should not hold a million 1000-byte writes");
            assertTrue(acknowledged > 10_000, "only " + acknowledged + " writes fitted");
            String message = failure.getMessage();
            assertTrue(message.contains("no space left on the disk of the journal") && message.contains(dir.toString()),
                    "the failure should say the disk is full and where: " + message);
            fs.resize(64);
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
                int missing = 0;
                for (int i = 0; i < acknowledged; i++) {
                    Optional<byte[]> got = engine.get("k" + i);
                    if (got.isEmpty()) {
                        missing++;
                    } else {
                        assertArrayEquals(value(i), got.get(), "k" + i);
                    }
                }
                assertTrue(missing == 0, missing + " of " + acknowledged + " acknowledged writes missing");
                engine.put("after", value(1));
                assertArrayEquals(value(1), engine.get("after").orElseThrow());
            }
        }
        List<LogCapture.Entry> errors = log.entries("ERROR", "io.warpengine.core.EngineHealth");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).text().contains("no space left on the disk of the journal"), errors.get(0).text());
    }

    /** A checkpoint that does not fit fails alone: its partial file goes, writes go on, a later one succeeds. */
    @Test
    void aSnapshotThatDoesNotFitFailsAloneAndWritesGoOn() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("mnt"), 32)) {
            Path dir = fs.root().resolve("data");
            EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0)
                    .build();
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 0; i < 4000; i++) {
                    engine.put("k" + i, value(i));
                }
                Path ballast = fs.fillLeaving(fs.root().resolve("ballast"), 1 << 20); // the snapshot needs ~4 MB
                Throwable failure = assertThrows(Throwable.class, engine::checkpoint);
                assertTrue(describe(failure).contains("No space left on device"), describe(failure));
                assertEquals(List.of(), snapshotFiles(dir), "no partial snapshot is left behind");
                engine.put("after-failed-checkpoint", value(1)); // the journal's blocks were allocated ahead
                Files.delete(ballast);
                assertTrue(engine.checkpoint() > 0);
            }
            try (WarpEngine engine = WarpEngine.open(config)) {
                assertEquals(4001, engine.stats().keyCount());
                assertArrayEquals(value(1), engine.get("after-failed-checkpoint").orElseThrow());
            }
        }
        List<LogCapture.Entry> errors = log.entries("ERROR", "io.warpengine.core.Checkpointer");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Checkpoint at sequence 4000 failed", errors.get(0).message());
        assertTrue(errors.get(0).text().contains("No space left on device"), errors.get(0).text());
    }

    /**
     * Opening a journal with a torn tail rewrites its last file; with no room for the copy the open fails saying
     * so and changes nothing, and once there is room it cuts the tail and keeps every entry before it.
     */
    @Test
    void cuttingATornTailWithoutRoomChangesNothing() throws Exception {
        try (SmallFilesystem fs = SmallFilesystem.mount(tmp.resolve("mnt"), 48)) {
            Path dir = fs.root().resolve("data");
            EngineConfig config = EngineConfig.builder(dir).checkpointOnClose(false).checkpointEveryOperations(0)
                    .checkpointEverySeconds(0).build();
            int writes = 3000;
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 0; i < writes; i++) {
                    engine.put("k" + i, value(i));
                }
            }
            Path file;
            try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.JOURNAL_DIR))) {
                file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(file);
            int lastNonZero = bytes.length;
            while (bytes[lastNonZero - 1] == 0) {
                lastNonZero--;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(lastNonZero - 100); // into the last entry, whose value is 1000 non-zero bytes
            }
            byte[] torn = Files.readAllBytes(file);

            Path ballast = fs.fillLeaving(fs.root().resolve("ballast"), 256 << 10);
            RuntimeException failure = assertThrows(RuntimeException.class, () -> WarpEngine.open(config).close());
            assertTrue(describe(failure).contains("cannot cut the damaged tail") && describe(failure).contains("no space"),
                    describe(failure));
            byte[] after = Files.readAllBytes(file); // Chronicle may have sized the file up again, sparsely
            assertArrayEquals(torn, Arrays.copyOf(after, torn.length), "the journal's bytes are left as they were");
            for (int i = torn.length; i < after.length; i++) {
                assertEquals(0, after[i], "nothing was written past the torn end, at " + i);
            }
            assertFalse(Files.exists(dir.resolve(WarpEngine.JOURNAL_DIR + ".cut-tmp")), "the partial copy is removed");

            Files.delete(ballast);
            try (WarpEngine engine = WarpEngine.open(config)) {
                assertEquals(writes - 1, engine.stats().keyCount(), "all but the torn last entry");
                for (int i = 0; i < writes - 1; i++) {
                    assertArrayEquals(value(i), engine.get("k" + i).orElseThrow(), "k" + i);
                }
            }
        }
        List<String> cuts = log.messages("WARN", TailCutter.class.getName());
        assertEquals(1, cuts.size(), "the tail is cut once, when there is room: " + cuts);
        assertTrue(cuts.get(0).startsWith("Cut the damaged journal tail off "), cuts.get(0));
    }

    /** Every message of a failure and its causes, to look for what a user is told. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append(" <- ");
        }
        return text.toString();
    }

    /** Snapshot files, whole or partial (not the directory's id beside them). */
    private static List<Path> snapshotFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.SNAPSHOT_DIR))) {
            return files.filter(p -> p.toString().endsWith(".wsnap") || p.toString().endsWith(".tmp")).toList();
        }
    }
}
