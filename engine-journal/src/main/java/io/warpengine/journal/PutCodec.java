package io.warpengine.journal;

import java.nio.ByteBuffer;

/**
 * Payload of a PUT entry: {@code int keyLength, key (UTF-8), int valueLength, value}; a PUT_WITH_OPTIONS entry is
 * {@code byte options} (not 0) followed by the same; a PUT_WITH_EXPIRY entry is {@code byte options} (0 allowed),
 * {@code long expiresAtMillis} (ms since the epoch, above 0) followed by the same.
 */
final class PutCodec {

    private PutCodec() {
    }

    static int payloadSize(int keyLength, int valueLength) {
        return 4 + keyLength + 4 + valueLength;
    }

    static void encode(ByteBuffer out, byte[] keyUtf8, byte[] value) {
        out.putInt(keyUtf8.length).put(keyUtf8).putInt(value.length).put(value);
    }

    /** As {@link #encode(ByteBuffer, byte[], byte[])}, the key encoded in place ({@code keyBytes} its UTF-8 length). */
    static void encode(ByteBuffer out, String key, int keyBytes, byte[] value) {
        out.putInt(keyBytes);
        Utf8.encode(key, out);
        out.putInt(value.length).put(value);
    }

    static JournalEntry.Put decode(long sequence, long timestampMicros, ByteBuffer in) {
        return decode(sequence, timestampMicros, in, (byte) 0);
    }

    /** A PUT_WITH_OPTIONS payload: its options byte (never 0: that is a plain PUT), then a PUT payload. */
    static JournalEntry.Put decodeWithOptions(long sequence, long timestampMicros, ByteBuffer in) {
        byte options = in.get();
        if (options == 0) {
            throw new IllegalStateException("a PUT_WITH_OPTIONS entry holds the default options, which a PUT stores");
        }
        return decode(sequence, timestampMicros, in, options);
    }

    /** Bytes a PUT_WITH_EXPIRY payload adds to a PUT's. */
    static final int EXPIRY_PREFIX = 1 + 8;

    static void encodeExpiryPrefix(ByteBuffer out, byte options, long expiresAtMillis) {
        out.put(options).putLong(expiresAtMillis);
    }

    /** A PUT_WITH_EXPIRY payload: options, an expiry time above 0, then a PUT payload. */
    static JournalEntry.Put decodeWithExpiry(long sequence, long timestampMicros, ByteBuffer in) {
        byte options = in.get();
        long expiresAtMillis = in.getLong();
        if (expiresAtMillis <= 0) {
            throw new IllegalStateException("a PUT_WITH_EXPIRY entry holds expiry time " + expiresAtMillis
                    + ", not a time after the epoch");
        }
        String key = FrameReads.string(in);
        byte[] value = FrameReads.bytes(in);
        return new JournalEntry.Put(sequence, timestampMicros, key, value, options, expiresAtMillis);
    }

    private static JournalEntry.Put decode(long sequence, long timestampMicros, ByteBuffer in, byte options) {
        String key = FrameReads.string(in);
        byte[] value = FrameReads.bytes(in);
        return new JournalEntry.Put(sequence, timestampMicros, key, value, options);
    }
}
