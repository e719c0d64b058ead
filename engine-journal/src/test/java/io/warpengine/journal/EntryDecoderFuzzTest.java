package io.warpengine.journal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The entry decoder fed with mutated frames of every entry type: each either decodes or is refused with a
 * {@link CorruptEntryException}; nothing else escapes. Half of the mutants get their CRC recomputed, so that the
 * payload decoders, not only the checksum, see the damage. {@code -Dwarp.fuzz.inputs=1000000} for a long run.
 */
class EntryDecoderFuzzTest {

    private static final int INPUTS = Integer.getInteger("warp.fuzz.inputs", 200_000);

    @Test
    void mutatedFramesDecodeOrAreRefusedAsCorrupt() {
        long seed = Long.getLong("warp.fuzz.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> seeds = validFrames();
        EntryCodec codec = new EntryCodec();
        int decoded = 0;
        for (int n = 0; n < INPUTS; n++) {
            byte[] frame = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            if (rnd.nextBoolean() && frame.length >= EntryCodec.HEADER_BYTES + EntryCodec.CRC_BYTES) {
                fixCrc(frame);
            }
            try {
                codec.decode(frame, frame.length);
                decoded++;
            } catch (CorruptEntryException expected) {
                // refused, as documented
            } catch (Throwable t) {
                fail("seed " + seed + ", input " + n + " (" + HexFormat.of().formatHex(frame) + ") threw " + t, t);
            }
        }
        if (decoded == 0) {
            fail("no mutant decoded: the mutations never leave a frame valid (seed " + seed + ")");
        }
    }

    private static List<byte[]> validFrames() {
        EntryCodec codec = new EntryCodec();
        List<byte[]> frames = new ArrayList<>();
        frames.add(bytes(codec.encodePut(1, 2, "key", new byte[]{1, 2, 3})));
        frames.add(bytes(codec.encodePut(3, 4, "kéy-ü", new byte[300], (byte) 0x25)));
        frames.add(bytes(codec.encodeDelete(5, 6, "gone")));
        frames.add(bytes(codec.encodeEntangle(7, 8, "user:1", List.of("profile:1", "settings:1"), 0.5f)));
        frames.add(bytes(codec.encodeDisentangle(9, 10, "user:1", List.of("profile:1"))));
        frames.add(bytes(codec.encodePlace(11, 12, 256, 4, 17, 3)));
        codec.beginBatch(13, 14, 3);
        codec.batchPut("a", new byte[]{9});
        codec.batchDelete("b");
        codec.batchPut("c", new byte[40]);
        frames.add(bytes(codec.finishBatch()));
        frames.add(bytes(codec.encodePut(15, 16, "ttl", new byte[20], (byte) 0, 1_800_000_000_000L)));
        frames.add(bytes(codec.encodeExpire(17, 18, "ttl", 1_800_000_000_000L)));
        frames.add(bytes(codec.encodeReap(19, 20, List.of("ttl", "other"))));
        codec.beginBatch(21, 22, 2);
        codec.batchPut("a", new byte[]{9}, (byte) 1, 77);
        codec.batchExpire("a", 0);
        frames.add(bytes(codec.finishBatch()));
        return frames;
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        return copy;
    }

    private static byte[] mutate(byte[] original, SplittableRandom rnd) {
        byte[] frame = original.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> frame[rnd.nextInt(frame.length)] ^= (byte) (1 << rnd.nextInt(8)); // one bit
            case 1 -> { // a few random bytes
                for (int i = rnd.nextInt(1, 5); i > 0; i--) {
                    frame[rnd.nextInt(frame.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> { // a length or count field: an extreme int anywhere
                int at = rnd.nextInt(Math.max(1, frame.length - 3));
                int[] extremes = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, frame.length, 255};
                ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(at, extremes[rnd.nextInt(extremes.length)]);
            }
            case 3 -> frame = Arrays.copyOf(frame, rnd.nextInt(frame.length)); // truncated
            default -> { // grown by random bytes
                byte[] longer = Arrays.copyOf(frame, frame.length + rnd.nextInt(1, 64));
                for (int i = frame.length; i < longer.length; i++) {
                    longer[i] = (byte) rnd.nextInt(256);
                }
                frame = longer;
            }
        }
        return frame;
    }

    private static void fixCrc(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, frame.length - EntryCodec.CRC_BYTES);
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(frame.length - EntryCodec.CRC_BYTES, (int) crc.getValue());
    }
}
