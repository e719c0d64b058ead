package io.warpengine.tier;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

import java.nio.ByteBuffer;

/**
 * The photon sphere's form of a stored value: LZ4-compressed, kept only where it pays. The form is the original
 * length (int, big-endian) followed by the LZ4 block; {@link #compress} and {@link #decompress} sit side by side.
 */
final class PhotonCodec {

    /** Values shorter than this stay as they are: LZ4 finds little to match in them, and the length costs 4 bytes. */
    static final int MIN_BYTES = 64;
    /** The compressed form is kept only when it saves at least an eighth: less is not worth a decompression per read. */
    static final double MAX_RATIO = 0.875;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4FastDecompressor DECOMPRESSOR = LZ4.fastDecompressor();

    private PhotonCodec() {
    }

    /** The compressed form of {@code stored}, or null when compression does not pay (short or incompressible). */
    static byte[] compress(byte[] stored) {
        if (stored.length < MIN_BYTES) {
            return null;
        }
        int limit = (int) (stored.length * MAX_RATIO);
        byte[] out = new byte[Integer.BYTES + COMPRESSOR.maxCompressedLength(stored.length)];
        int length = COMPRESSOR.compress(stored, 0, stored.length, out, Integer.BYTES);
        if (length > limit - Integer.BYTES) {
            return null;
        }
        ByteBuffer.wrap(out).putInt(0, stored.length);
        return java.util.Arrays.copyOf(out, Integer.BYTES + length);
    }

    /** The length of the stored value {@code compressed} holds. */
    static int storedLength(byte[] compressed) {
        return ByteBuffer.wrap(compressed).getInt(0);
    }

    /** The stored value {@link #compress} was given. */
    static byte[] decompress(byte[] compressed) {
        byte[] stored = new byte[storedLength(compressed)];
        DECOMPRESSOR.decompress(compressed, Integer.BYTES, stored, 0, stored.length);
        return stored;
    }
}
