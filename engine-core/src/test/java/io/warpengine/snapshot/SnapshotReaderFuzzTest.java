package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The snapshot reader fed with mutated files: each is read or refused with a {@link CorruptSnapshotException};
 * nothing else escapes, and a damaged length field allocates no more than the file holds. Half of the mutants get
 * their CRC recomputed, so that the parser, not only the checksum, meets the damage.
 * {@code -Dwarp.fuzz.inputs=1000000} for a long run.
 */
class SnapshotReaderFuzzTest {

    private static final int INPUTS = Integer.getInteger("warp.fuzz.inputs", 50_000);

    @Test
    void mutatedSnapshotsAreReadOrRefusedAsCorrupt() throws IOException {
        long seed = Long.getLong("warp.fuzz.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] valid = {validFile(), validVersion1File()};
        int read = 0;
        for (int n = 0; n < INPUTS; n++) {
            byte[] file = mutate(valid[n % 2], rnd);
            if (rnd.nextBoolean() && file.length > 4) {
                fixCrc(file);
            }
            try {
                SnapshotFormat.read(new ByteArrayInputStream(file));
                read++;
            } catch (CorruptSnapshotException expected) {
                // refused, as documented
            } catch (Throwable t) {
                fail("seed " + seed + ", input " + n + " (" + HexFormat.of().formatHex(file) + ") threw " + t, t);
            }
        }
        if (read == 0) {
            fail("no mutant read: the mutations never leave a file valid (seed " + seed + ")");
        }
    }

    private static byte[] validFile() throws IOException {
        String[] keys = {"a", "user:1", "kéy"};
        byte[][] values = {StoredValue.of(new byte[]{1}, 5, 6), null, StoredValue.of(new byte[0], 9, 10)};
        Snapshot snapshot = new Snapshot(10, 1000, 12, 1200, keys, values,
                new DeepValue[]{null, new DeepValue(1L << 40, 40), null}, Map.of("a", (byte) 0x25),
                Map.of("user:1", Map.of("a", 0.5f, "kéy", 0.9f)), new Snapshot.Placement(4, 2, new int[]{0, 1, 0, 1}),
                Map.of("kéy", 1_800_000_000_000L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFormat.write(out, snapshot, java.util.UUID.randomUUID());
        return out.toByteArray();
    }

    /** Version 1, still read: magic, S, time, count, then (key, value) blocks, then the CRC32C. */
    private static byte[] validVersion1File() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SnapshotFormat.MAGIC_V1);
        out.writeLong(10);
        out.writeLong(1000);
        out.writeLong(2);
        for (String s : new String[]{"a", "1", "bb", "22"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
        out.writeInt(0);
        byte[] file = bytes.toByteArray();
        fixCrc(file);
        SnapshotFormat.read(new ByteArrayInputStream(file)); // valid before the mutations
        return file;
    }

    private static byte[] mutate(byte[] original, SplittableRandom rnd) {
        byte[] file = original.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> file[rnd.nextInt(file.length)] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> {
                for (int i = rnd.nextInt(1, 5); i > 0; i--) {
                    file[rnd.nextInt(file.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> { // a length or count field: an extreme int (or long) anywhere
                long[] extremes = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, (1 << 30) - 1, 1 << 20,
                        Long.MAX_VALUE};
                long extreme = extremes[rnd.nextInt(extremes.length)];
                if (rnd.nextBoolean()) {
                    ByteBuffer.wrap(file).putInt(rnd.nextInt(file.length - 3), (int) extreme);
                } else {
                    ByteBuffer.wrap(file).putLong(rnd.nextInt(file.length - 7), extreme);
                }
            }
            case 3 -> file = Arrays.copyOf(file, rnd.nextInt(file.length));
            default -> {
                byte[] longer = Arrays.copyOf(file, file.length + rnd.nextInt(1, 64));
                for (int i = file.length; i < longer.length; i++) {
                    longer[i] = (byte) rnd.nextInt(256);
                }
                file = longer;
            }
        }
        return file;
    }

    private static void fixCrc(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        ByteBuffer.wrap(file).putInt(file.length - 4, (int) crc.getValue());
    }
}
