package io.warpengine.journaltool;

import io.warpengine.WarpEngine;
import io.warpengine.journal.EntryCodec;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real journals for the tests, in the engine's layout and format: entry i is a PUT of {@link #key}(i) =
 * {@link #value}(i), except every tenth, a DELETE of the key before it; entry i is stamped {@link #micros}(i).
 * Written through Chronicle with a set clock (as the engine's journal writes them, frame for frame) so that a journal
 * can span several cycle files without waiting; and damaged the way JournalDamageTest damages them.
 */
final class Journals {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final long T0_MICROS = T0.getEpochSecond() * 1_000_000L;

    private Journals() {
    }

    static String key(long i) {
        return "k" + i;
    }

    /** Fixed width, so that each value's bytes occur once in a journal file. */
    static byte[] value(long i) {
        return String.format("value-%06d", i).getBytes(StandardCharsets.UTF_8);
    }

    static boolean isDelete(long i) {
        return i % 10 == 0;
    }

    /** Entry i's key: the deleted one for a DELETE. */
    static String keyOf(long i) {
        return isDelete(i) ? key(i - 1) : key(i);
    }

    /** Entry i is stamped T0 + i seconds. */
    static long micros(long i) {
        return T0_MICROS + i * 1_000_000L;
    }

    /** The state after entry {@code sequence}: key -> value text. */
    static Map<String, String> stateAt(long sequence) {
        Map<String, String> state = new TreeMap<>();
        for (long i = 1; i <= sequence; i++) {
            if (isDelete(i)) {
                state.remove(key(i - 1));
            } else {
                state.put(key(i), new String(value(i), StandardCharsets.UTF_8));
            }
        }
        return state;
    }

    /**
     * Entries {@code from..to} into {@code dataDir}'s journal, a new cycle file every {@code perFile} entries (the
     * file of entry i is the same whether it is written in one call or several).
     */
    static void write(Path dataDir, long from, long to, long perFile) {
        SetTimeProvider clock = new SetTimeProvider(T0.plusSeconds((from - 1) / perFile * 300));
        EntryCodec codec = new EntryCodec();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dataDir.resolve(WarpEngine.JOURNAL_DIR))
                .rollCycle(RollCycles.FIVE_MINUTELY).timeProvider(clock).build();
             ExcerptAppender appender = queue.createAppender()) {
            for (long i = from; i <= to; i++) {
                byte[] key = keyOf(i).getBytes(StandardCharsets.UTF_8);
                append(appender, isDelete(i) ? codec.encodeDelete(i, micros(i), key) : codec.encodePut(i, micros(i), key, value(i)));
                if (i % perFile == 0) {
                    clock.advanceMillis(TimeUnit.MINUTES.toMillis(5));
                }
            }
        }
    }

    /** Appends one entry as the engine's JournalWriter does: the frame is the whole document. */
    static void append(ExcerptAppender appender, ByteBuffer frame) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(frame.array(), 0, frame.limit());
        }
    }

    static List<Path> journalFiles(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(WarpEngine.JOURNAL_DIR))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Flips a byte of entry {@code i}'s value (a PUT) in whichever journal file holds it: its CRC no longer matches. */
    static Path corruptValueOf(Path dataDir, long i) throws IOException {
        byte[] needle = value(i);
        for (Path file : journalFiles(dataDir)) {
            byte[] bytes = Files.readAllBytes(file);
            int at = indexOf(bytes, needle);
            if (at >= 0) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.seek(at + needle.length - 1);
                    f.write(needle[needle.length - 1] ^ 0x55);
                }
                return file;
            }
        }
        throw new IllegalStateException("no journal file holds the value of entry " + i);
    }

    /** Cuts {@code bytes} off the end of the data in {@code file} (Chronicle pre-sizes files with zeros). */
    static void truncateData(Path file, int bytes) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int end = content.length;
        while (end > 0 && content[end - 1] == 0) {
            end--;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(end - bytes);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
