package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Payloads of the EXPIRE and REAP entries:
 * <pre>
 *   EXPIRE  long expiresAtMillis (ms since the epoch; 0: the expiry is removed), key (int length, UTF-8)
 *   REAP    int count (at least 1), count keys (int length, UTF-8): judged at the entry's own time
 * </pre>
 * A negative time, or a count the frame cannot hold, is corruption.
 */
final class ExpiryCodec {

    /** The least a key takes: its length field. */
    private static final int SMALLEST_KEY = 4;

    private ExpiryCodec() {
    }

    static int expirePayloadSize(int keyBytes) {
        return 8 + 4 + keyBytes;
    }

    static void encodeExpire(ByteBuffer out, String key, int keyBytes, long expiresAtMillis) {
        out.putLong(expiresAtMillis).putInt(keyBytes);
        Utf8.encode(key, out);
    }

    static JournalEntry.Expire decodeExpire(long sequence, long timestampMicros, ByteBuffer in) {
        long expiresAtMillis = in.getLong();
        if (expiresAtMillis < 0) {
            throw new IllegalStateException("expiry time " + expiresAtMillis + " is negative");
        }
        return new JournalEntry.Expire(sequence, timestampMicros, FrameReads.string(in), expiresAtMillis);
    }

    static int reapPayloadSize(List<String> keys) {
        int size = 4;
        for (String key : keys) {
            size += 4 + Utf8.length(key);
        }
        return size;
    }

    static void encodeReap(ByteBuffer out, List<String> keys) {
        out.putInt(keys.size());
        for (String key : keys) {
            out.putInt(Utf8.length(key));
            Utf8.encode(key, out);
        }
    }

    static JournalEntry.Reap decodeReap(long sequence, long timestampMicros, ByteBuffer in) {
        int count = in.getInt();
        if (count < 1 || (long) count * SMALLEST_KEY > in.remaining()) {
            throw new IllegalStateException("a reap of " + count + " keys cannot fit in " + in.remaining() + " bytes");
        }
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(FrameReads.string(in));
        }
        return new JournalEntry.Reap(sequence, timestampMicros, keys);
    }
}
