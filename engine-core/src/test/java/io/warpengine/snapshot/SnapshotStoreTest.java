package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName());

    @TempDir
    Path dir;

    private static Snapshot snapshot(long sequence, int entries, long seed) {
        Random rnd = new Random(seed);
        String[] keys = new String[entries];
        byte[][] values = new byte[entries][];
        DeepValue[] deep = new DeepValue[entries];
        for (int i = 0; i < entries; i++) {
            keys[i] = "ключ-" + i + "-" + rnd.nextInt();
            if (rnd.nextInt(4) == 0) { // a value the deep tier holds: the file keeps its location only
                deep[i] = new DeepValue(1 + (rnd.nextLong() >>> 1), StoredValue.TRAILER + rnd.nextInt(1000));
                continue;
            }
            values[i] = new byte[rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(500)];
            rnd.nextBytes(values[i]);
            values[i] = StoredValue.of(values[i], rnd.nextLong(), rnd.nextLong());
        }
        Map<String, Byte> options = new HashMap<>();
        Map<String, Map<String, Float>> entanglements = new HashMap<>();
        for (int i = 0; i < entries / 10; i++) {
            options.put(keys[i], (byte) (1 + rnd.nextInt(19)));
            entanglements.put(keys[i], Map.of(keys[(i + 1) % entries], 0.5f, "ключ-absent", 1f));
        }
        int[] owners = new int[16];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = rnd.nextInt(3);
        }
        Map<String, Long> expiries = new HashMap<>();
        for (int i = 0; i < entries; i += 3) {
            expiries.put(keys[i], 1_800_000_000_000L + rnd.nextInt(1_000_000));
        }
        return new Snapshot(sequence, sequence * 1000, sequence, sequence * 1000, keys, values, deep, options, entanglements,
                new Snapshot.Placement(16, 3, owners), expiries);
    }

    private static void assertSame(Snapshot expected, Snapshot actual) {
        assertEquals(expected.sequence(), actual.sequence());
        assertEquals(expected.timestampMicros(), actual.timestampMicros());
        assertArrayEquals(expected.keys(), actual.keys());
        assertEquals(expected.keyOptions(), actual.keyOptions());
        assertEquals(expected.entanglements(), actual.entanglements());
        assertEquals(expected.placement(), actual.placement());
        assertEquals(expected.expiries(), actual.expiries());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.values()[i], actual.values()[i], "value " + i);
            assertEquals(expected.deep()[i], actual.deep()[i], "deep value " + i);
        }
    }

    @Test
    void roundTripsAndKeepsTheNewest() {
        SnapshotStore store = new SnapshotStore(dir, 2);
        Snapshot a = snapshot(10, 100, 1);
        Snapshot b = snapshot(20, 0, 2);
        Snapshot c = snapshot(30, 1000, 3);
        store.write(a);
        store.write(b);
        store.write(c);
        assertEquals(List.of(30L, 20L), store.files().stream().map(SnapshotStore::sequenceOf).toList());
        assertSame(c, store.loadNewestValid(Long.MAX_VALUE).orElseThrow().snapshot());
        assertSame(b, store.loadNewestValid(29).orElseThrow().snapshot());
        assertTrue(store.loadNewestValid(19).isEmpty());
    }

    /** A flipped byte anywhere, or a cut anywhere, in the newest file makes the store fall back to the older. */
    @Test
    void damagedNewestFallsBackToTheOlder() throws IOException {
        SnapshotStore store = new SnapshotStore(dir, 3);
        Snapshot older = snapshot(5, 50, 4);
        store.write(older);
        Path newest = store.write(snapshot(9, 50, 5)).file();
        byte[] pristine = Files.readAllBytes(newest);
        Random rnd = new Random(6);
        for (int trial = 0; trial < 40; trial++) {
            byte[] damaged = pristine.clone();
            if (trial % 2 == 0) {
                damaged[rnd.nextInt(damaged.length)] ^= (byte) (1 << rnd.nextInt(8));
                Files.write(newest, damaged);
            } else {
                try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
                    f.setLength(rnd.nextInt(pristine.length));
                }
            }
            assertSame(older, store.loadNewestValid(Long.MAX_VALUE).orElseThrow().snapshot());
        }
        List<String> skipped = log.messages("WARN", SnapshotStore.class.getName());
        assertEquals(40, skipped.size(), "each damaged newest snapshot is logged as skipped");
        skipped.forEach(skip -> assertTrue(skip.startsWith("Skipping snapshot " + newest + ": ")
                && skip.endsWith("; falling back to an older one"), skip));
    }

    @Test
    void interruptedWriteLeavesNothingBehind() throws IOException {
        Files.writeString(dir.resolve("snapshot-00000000000000000007.wsnap.tmp"), "half", StandardCharsets.UTF_8);
        SnapshotStore store = new SnapshotStore(dir, 3);
        assertTrue(store.files().isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertEquals(List.of("Removing " + dir.resolve("snapshot-00000000000000000007.wsnap.tmp")
                + ", a snapshot whose writing was interrupted"), log.messages("WARN", SnapshotStore.class.getName()));
    }
}
