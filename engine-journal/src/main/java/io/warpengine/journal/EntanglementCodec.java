package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Payloads of the ENTANGLE and DISENTANGLE entries:
 * <pre>
 *   ENTANGLE     float strength, int count, primary (int length, UTF-8), count related keys (int length, UTF-8)
 *   DISENTANGLE  int count, primary, count related keys
 * </pre>
 * A count the frame cannot hold, or a strength outside (0, 1], is corruption.
 */
final class EntanglementCodec {

    /** The least a key takes: its length field. */
    private static final int SMALLEST_KEY = 4;

    private EntanglementCodec() {
    }

    static int payloadSize(boolean withStrength, int primaryBytes, int relatedBytesTotal, int count) {
        return (withStrength ? 4 : 0) + 4 + 4 + primaryBytes + count * 4 + relatedBytesTotal;
    }

    static void encodeEntangle(ByteBuffer out, String primary, List<String> related, float strength) {
        out.putFloat(strength);
        encodeKeys(out, primary, related);
    }

    static void encodeDisentangle(ByteBuffer out, String primary, List<String> related) {
        encodeKeys(out, primary, related);
    }

    /** UTF-8 bytes of every key in {@code related}. */
    static int utf8Total(List<String> related) {
        int total = 0;
        for (String key : related) {
            total += Utf8.length(key);
        }
        return total;
    }

    static JournalEntry.Entangle decodeEntangle(long sequence, long timestampMicros, ByteBuffer in) {
        float strength = in.getFloat();
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalStateException("entanglement strength " + strength + " is outside (0, 1]");
        }
        int count = count(in);
        String primary = FrameReads.string(in);
        return new JournalEntry.Entangle(sequence, timestampMicros, primary, keys(in, count), strength);
    }

    static JournalEntry.Disentangle decodeDisentangle(long sequence, long timestampMicros, ByteBuffer in) {
        int count = count(in);
        String primary = FrameReads.string(in);
        return new JournalEntry.Disentangle(sequence, timestampMicros, primary, keys(in, count));
    }

    private static void encodeKeys(ByteBuffer out, String primary, List<String> related) {
        out.putInt(related.size());
        out.putInt(Utf8.length(primary));
        Utf8.encode(primary, out);
        for (String key : related) {
            out.putInt(Utf8.length(key));
            Utf8.encode(key, out);
        }
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 1 || ((long) count + 1) * SMALLEST_KEY > in.remaining()) {
            throw new IllegalStateException(count + " related keys cannot fit in " + in.remaining() + " bytes");
        }
        return count;
    }

    private static List<String> keys(ByteBuffer in, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(FrameReads.string(in));
        }
        return keys;
    }
}
