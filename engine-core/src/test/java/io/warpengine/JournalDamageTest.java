package io.warpengine;

import io.warpengine.journal.CorruptEntryException;
import io.warpengine.journal.EntryCodec;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.TailCutter;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage at the end of the newest journal file, as a crash or a lost page leaves it: the engine opens with a
 * prefix of the history (nothing reordered, nothing invented), and writes made after that recovery survive the
 * next one (the damaged tail is cut off physically, the damaged file kept in journal-backup).
 */
class JournalDamageTest {

    private static final int WRITES = 600;

    @TempDir
    Path root;

    /** The reader names the damage it meets, the cutter what it cut and where it kept the damaged file. */
    @RegisterExtension
    final LogCapture log = new LogCapture(JournalReader.class.getName(), TailCutter.class.getName());

    /**
     * Where the last entry's frame ends. Chronicle pre-sizes its files, so the data ends near the last non-zero
     * byte, but the frame's own last bytes may be zero (a CRC ending in 0x00): the end is found by decoding the
     * last entry's frame at each place it can start.
     */
    private static int dataEnd(byte[] bytes) {
        int lastNonZero = bytes.length;
        while (lastNonZero > 0 && bytes[lastNonZero - 1] == 0) {
            lastNonZero--;
        }
        EntryCodec codec = new EntryCodec();
        int frame = codec.encodePut(WRITES, 0, "k" + WRITES, value(WRITES)).remaining();
        for (int end = lastNonZero; end <= lastNonZero + 8 && end <= bytes.length; end++) {
            try {
                if (codec.decode(Arrays.copyOfRange(bytes, end - frame, end), frame).sequence() == WRITES) {
                    return end;
                }
            } catch (CorruptEntryException notHere) {
                // the frame does not end here
            }
        }
        throw new AssertionError("the last entry (sequence " + WRITES + ") is not within 8 bytes of the data's end");
    }

    private static byte[] value(int i) {
        return ("value-" + i).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncate", "garbage"})
    void damagedTailLosesOnlyTheTailAndLaterWritesSurvive(String damage) throws Exception {
        Random rnd = new Random(damage.hashCode());
        for (int trial = 0; trial < 8; trial++) {
            Path dir = root.resolve(damage + "-" + trial);
            EngineConfig config = EngineConfig.builder(dir).checkpointOnClose(false).checkpointEveryOperations(0)
                    .checkpointEverySeconds(0).build();
            try (WarpEngine engine = WarpEngine.open(config)) {
                for (int i = 1; i <= WRITES; i++) {
                    engine.put("k" + i, value(i));
                }
            }
            Path file;
            try (Stream<Path> files = Files.list(dir.resolve(WarpEngine.JOURNAL_DIR))) {
                file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(file);
            int end = dataEnd(bytes);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                if (damage.equals("truncate")) {
                    f.setLength(end - 1 - rnd.nextInt(20 * 40)); // within the last ~20 entries
                } else {
                    byte[] garbage = new byte[1 + rnd.nextInt(64)];
                    rnd.nextBytes(garbage);
                    f.seek(end);
                    f.write(garbage);
                }
            }
            long kept;
            int cutsBefore = cuts().size();
            try (WarpEngine engine = WarpEngine.open(config)) {
                kept = engine.recovery().lastSequence();
                assertTrue(kept >= WARN_FLOOR && kept <= WRITES, damage + ": recovered to " + kept);
                assertEquals(kept, engine.stats().keyCount(), "exactly a prefix of the history");
                for (int i = 1; i <= kept; i++) {
                    assertArrayEquals(value(i), engine.get("k" + i).orElseThrow(), "k" + i);
                }
                assertEquals(kept + 1, engine.put("after", value(0)).sequence());
            }
            List<String> cuts = cuts().subList(cutsBefore, cuts().size());
            assertTrue(kept < WRITES ? cuts.size() == 1 : cuts.size() <= 1, "one cut, when a tail was lost: " + cuts);
            for (String cut : cuts) {
                assertTrue(cut.startsWith("Cut the damaged journal tail off ") && cut.contains("the damaged file is kept as "
                        + dir.resolve(WarpEngine.JOURNAL_BACKUP_DIR)), cut);
            }
            try (WarpEngine engine = WarpEngine.open(config)) {
                assertEquals(kept + 1, engine.recovery().lastSequence(), damage + ": the write after recovery survives");
                assertArrayEquals(value(0), engine.get("after").orElseThrow());
                assertEquals(0, engine.recovery().tornEntriesCut(), "the damage was cut off for good");
            }
            if (kept < WRITES) {
                try (Stream<Path> backups = Files.list(dir.resolve(WarpEngine.JOURNAL_BACKUP_DIR))) {
                    assertEquals(1, backups.count(), "the damaged file is kept");
                }
            }
        }
    }

    private List<String> cuts() {
        return log.messages("WARN", TailCutter.class.getName());
    }

    private static final int WARN_FLOOR = WRITES - 25;
}
