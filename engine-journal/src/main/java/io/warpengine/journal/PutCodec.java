package io.warpengine.journal;

import java.nio.ByteBuffer;

/** Payload of a PUT entry: {@code int keyLength, key (UTF-8), int valueLength, value}. */
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
        String key = FrameReads.string(in);
        byte[] value = FrameReads.bytes(in);
        return new JournalEntry.Put(sequence, timestampMicros, key, value);
    }
}
