package io.warpengine.journal;

import java.nio.ByteBuffer;

/**
 * UTF-8 of a key without an intermediate array: the journal encodes a key straight into its frame buffer, so a
 * PUT does not allocate a copy of its key. The bytes equal {@code key.getBytes(UTF_8)} for every string without
 * unpaired surrogates; those are refused, since UTF-8 cannot store them faithfully.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Bytes of {@code s} in UTF-8.
     *
     * @throws IllegalArgumentException when {@code s} has an unpaired surrogate
     */
    public static int length(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 4 bytes for the pair's 2 chars
                i++;
            } else {
                throw new IllegalArgumentException("key has an unpaired UTF-16 surrogate at index " + i
                        + " and cannot be stored as UTF-8");
            }
        }
        return bytes;
    }

    /** Writes {@code s} as UTF-8 at {@code out}'s position; {@code s} must have passed {@link #length}. */
    static void encode(String s, ByteBuffer out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (!Character.isSurrogate(c)) {
                out.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F))).put((byte) (0x80 | (c & 0x3F)));
            } else {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
                        .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
            }
        }
    }
}
