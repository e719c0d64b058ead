package io.warpengine.tier;

import io.warpengine.store.StoredValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deep log: values come back byte for byte, across segments and reopens, and damage is named, never returned. */
class DeepLogTest {

    @TempDir
    Path dir;

    @Test
    void valuesOfEverySizeComeBackAcrossSegmentsAndAReopen() {
        Random rnd = new Random(7);
        Map<Long, String> keys = new HashMap<>();
        Map<Long, byte[]> stored = new HashMap<>();
        try (DeepLog log = DeepLog.open(dir, 64 * 1024)) {
            for (int i = 0; i < 500; i++) {
                byte[] value = new byte[i % 50 == 0 ? 10_000 + rnd.nextInt(20_000) : rnd.nextInt(300)];
                rnd.nextBytes(value);
                byte[] s = StoredValue.of(value, i + 1, 1000 + i);
                String key = "key:" + i + (i % 7 == 0 ? ":\u00e9t\u00e9" : "");
                long location = log.append(key, s);
                keys.put(location, key);
                stored.put(location, s);
            }
            assertTrue(log.segmentNumbers().size() > 3, "64 KiB segments roll: " + log.segmentNumbers());
            stored.forEach((location, s) -> assertArrayEquals(s, log.read(location, keys.get(location))));
        }
        try (DeepLog reopened = DeepLog.open(dir, 64 * 1024)) {
            stored.forEach((location, s) -> assertArrayEquals(s, reopened.read(location, keys.get(location))));
            long location = reopened.append("after", StoredValue.of(new byte[]{1}, 9, 9));
            assertTrue(stored.keySet().stream().allMatch(l -> DeepLog.segmentOf(l) < DeepLog.segmentOf(location)),
                    "a reopened log appends to a new segment, never after a possibly torn tail");
            assertEquals(DeepLog.segmentOf(location), (long) reopened.segmentNumbers().get(
                    reopened.segmentNumbers().size() - 1), "and only once it appends: opening adds no file");
        }
    }

    @Test
    void aRetiredSegmentStaysReadableAcrossAReopenUntilEveryKeptSnapshotIsNewer() {
        long old;
        byte[] s = StoredValue.of(new byte[100], 1, 1);
        try (DeepLog log = DeepLog.open(dir, 64 * 1024)) {
            old = log.append("k", s);
            log.append(new String[]{"big"}, new byte[][]{StoredValue.of(new byte[70_000], 2, 2)}, 1); // rolls
            long segment = DeepLog.segmentOf(old);
            assertTrue(log.sealedSegmentSizes().containsKey(segment), log.sealedSegmentSizes().toString());
            assertThrows(IllegalStateException.class, () -> log.retire(log.segmentNumbers().get(1), 5),
                    "the segment taking appends is never retired");
            log.retire(segment, 500);
            assertTrue(!log.sealedSegmentSizes().containsKey(segment), "a retired segment is not compacted again");
            assertEquals(0, log.deleteRetired(500), "a snapshot at 500 may predate the retirement");
            assertArrayEquals(s, log.read(old, "k"));
        }
        try (DeepLog reopened = DeepLog.open(dir, 64 * 1024)) {
            assertArrayEquals(s, reopened.read(old, "k"), "the reopened log knows the retired file");
            assertEquals(1, reopened.deleteRetired(501));
            assertThrows(CorruptDeepRecordException.class, () -> reopened.read(old, "k"));
            assertEquals(1, reopened.segmentNumbers().size(), reopened.segmentNumbers().toString());
        }
    }

    @Test
    void aFlippedByteOrAWrongKeyIsRefusedNamingTheFileAndOffset() throws Exception {
        long first;
        long second;
        try (DeepLog log = DeepLog.open(dir, 1 << 20)) {
            first = log.append("a", StoredValue.of("alpha".getBytes(StandardCharsets.UTF_8), 1, 1));
            second = log.append("b", StoredValue.of("beta".getBytes(StandardCharsets.UTF_8), 2, 2));
        }
        Path segment = dir.resolve("segment-00000001.wdeep");
        try (DeepLog log = DeepLog.open(dir, 1 << 20)) {
            CorruptDeepRecordException wrongKey = assertThrows(CorruptDeepRecordException.class,
                    () -> log.read(second, "a"));
            assertTrue(wrongKey.getMessage().contains("holds the value of 'b', not of 'a'"), wrongKey.getMessage());
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.seek(DeepLog.offsetOf(first) + DeepRecordCodec.HEADER + 1 + 2); // a byte of alpha
            int b = file.read();
            file.seek(DeepLog.offsetOf(first) + DeepRecordCodec.HEADER + 1 + 2);
            file.write(b ^ 0x10);
        }
        try (DeepLog log = DeepLog.open(dir, 1 << 20)) {
            CorruptDeepRecordException damaged = assertThrows(CorruptDeepRecordException.class,
                    () -> log.read(first, "a"));
            assertTrue(damaged.getMessage().contains(segment.getFileName() + " at offset " + DeepLog.offsetOf(first))
                    && damaged.getMessage().contains("CRC32C mismatch"), damaged.getMessage());
            assertArrayEquals("beta".getBytes(StandardCharsets.UTF_8),
                    StoredValue.value(log.read(second, "b")), "the neighbour is intact");
            CorruptDeepRecordException missing = assertThrows(CorruptDeepRecordException.class,
                    () -> log.read((77L << 40) | 5, "a"));
            assertTrue(missing.getMessage().contains("no such segment"), missing.getMessage());
        }
    }

    @Test
    void aTornTailIsRefusedAndAppendsGoOnInANewSegment() throws Exception {
        long torn;
        try (DeepLog log = DeepLog.open(dir, 1 << 20)) {
            log.append("a", StoredValue.of(new byte[100], 1, 1));
            torn = log.append("b", StoredValue.of(new byte[100], 2, 2));
        }
        Path segment = dir.resolve("segment-00000001.wdeep");
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(DeepLog.offsetOf(torn) + 40); // a crash mid-append
        }
        try (DeepLog log = DeepLog.open(dir, 1 << 20)) {
            assertThrows(CorruptDeepRecordException.class, () -> log.read(torn, "b"));
            long next = log.append("c", StoredValue.of(new byte[]{3}, 3, 3));
            assertArrayEquals(new byte[]{3}, StoredValue.value(log.read(next, "c")));
        }
    }

    @Test
    void readersOnManyThreadsSeeEveryValueAppendedBeforeTheirRead() throws Exception {
        try (DeepLog log = DeepLog.open(dir, 256 * 1024)) {
            List<long[]> published = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread appender = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    long location = log.append("k" + i, StoredValue.of(("v" + i).getBytes(StandardCharsets.UTF_8), i, i));
                    published.add(new long[]{location, i});
                }
            });
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                readers.add(new Thread(() -> {
                    Random rnd = new Random(seed);
                    try {
                        while (appender.isAlive() || rnd.nextInt(100) > 0) {
                            int size = published.size();
                            if (size == 0) {
                                continue;
                            }
                            long[] entry = published.get(rnd.nextInt(size));
                            byte[] value = StoredValue.value(log.read(entry[0], "k" + entry[1]));
                            assertEquals("v" + entry[1], new String(value, StandardCharsets.UTF_8));
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            appender.start();
            readers.forEach(Thread::start);
            appender.join();
            for (Thread reader : readers) {
                reader.join();
            }
            assertNull(failure.get());
            assertTrue(log.segmentNumbers().size() > 1);
        }
    }

    @Test
    void aSegmentSizeOutOfRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepLog.open(dir, 100));
        assertTrue(e.getMessage().contains("deep segment size"), e.getMessage());
    }
}
