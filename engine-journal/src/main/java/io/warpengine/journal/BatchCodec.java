package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Payload of a BATCH entry: {@code int count}, then per member {@code byte type} ({@link EntryType#PUT} or
 * {@link EntryType#DELETE}) and that type's payload ({@link PutCodec}, {@link DeleteCodec}). A batch inside a
 * batch, an unknown member type or a count the frame cannot hold is corruption.
 */
final class BatchCodec {

    /** The least a member takes: its type and a DELETE of the empty key. */
    private static final int SMALLEST_MEMBER = 1 + DeleteCodec.payloadSize(0);

    private BatchCodec() {
    }

    static void encodeCount(ByteBuffer out, int count) {
        out.putInt(count);
    }

    static int putMemberSize(int keyBytes, int valueBytes) {
        return 1 + PutCodec.payloadSize(keyBytes, valueBytes);
    }

    static int deleteMemberSize(int keyBytes) {
        return 1 + DeleteCodec.payloadSize(keyBytes);
    }

    static void encodePut(ByteBuffer out, String key, int keyBytes, byte[] value) {
        out.put(EntryType.PUT.code());
        PutCodec.encode(out, key, keyBytes, value);
    }

    static void encodeDelete(ByteBuffer out, String key, int keyBytes) {
        out.put(EntryType.DELETE.code());
        DeleteCodec.encode(out, key, keyBytes);
    }

    static JournalEntry.Batch decode(long sequence, long timestampMicros, ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || (long) count * SMALLEST_MEMBER > in.remaining()) {
            throw new IllegalStateException("batch of " + count + " members cannot fit in " + in.remaining() + " bytes");
        }
        List<JournalEntry.KeyWrite> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte code = in.get();
            EntryType type = EntryType.ofCode(code);
            if (type == EntryType.PUT) {
                writes.add(PutCodec.decode(sequence, timestampMicros, in));
            } else if (type == EntryType.DELETE) {
                writes.add(DeleteCodec.decode(sequence, timestampMicros, in));
            } else {
                throw new IllegalStateException("batch member " + i + " has type " + code + ", not a PUT or DELETE");
            }
        }
        return new JournalEntry.Batch(sequence, timestampMicros, writes);
    }
}
