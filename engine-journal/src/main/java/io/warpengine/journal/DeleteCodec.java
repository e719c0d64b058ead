package io.warpengine.journal;

import java.nio.ByteBuffer;

/** Payload of a DELETE entry: {@code int keyLength, key (UTF-8)}. */
final class DeleteCodec {

    private DeleteCodec() {
    }

    static int payloadSize(int keyLength) {
        return 4 + keyLength;
    }

    static void encode(ByteBuffer out, byte[] keyUtf8) {
        out.putInt(keyUtf8.length).put(keyUtf8);
    }

    /** As {@link #encode(ByteBuffer, byte[])}, the key encoded in place ({@code keyBytes} its UTF-8 length). */
    static void encode(ByteBuffer out, String key, int keyBytes) {
        out.putInt(keyBytes);
        Utf8.encode(key, out);
    }

    static JournalEntry.Delete decode(long sequence, long timestampMicros, ByteBuffer in) {
        return new JournalEntry.Delete(sequence, timestampMicros, FrameReads.string(in));
    }
}
