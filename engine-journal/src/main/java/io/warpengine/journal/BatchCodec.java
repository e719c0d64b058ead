package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Payload of a BATCH entry: {@code int count}, then per member {@code byte type} (a change of one key:
 * {@link EntryType#PUT}, {@link EntryType#PUT_WITH_OPTIONS}, {@link EntryType#PUT_WITH_EXPIRY},
 * {@link EntryType#DELETE} or {@link EntryType#EXPIRE}) and that type's payload ({@link PutCodec},
 * {@link DeleteCodec}, {@link ExpiryCodec}). A batch inside a batch, any other member type or a count the frame
 * cannot hold is corruption.
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

    /** The size of a put member with {@code options} and an expiry time (0: none), as {@link #encodePut} writes it. */
    static int putMemberSize(int keyBytes, int valueBytes, byte options, long expiresAtMillis) {
        int prefix = expiresAtMillis != 0 ? PutCodec.EXPIRY_PREFIX : options != 0 ? 1 : 0;
        return 1 + prefix + PutCodec.payloadSize(keyBytes, valueBytes);
    }

    /** A put member of the least type that holds {@code options} and the expiry time (0: none). */
    static void encodePut(ByteBuffer out, String key, int keyBytes, byte[] value, byte options, long expiresAtMillis) {
        if (expiresAtMillis != 0) {
            out.put(EntryType.PUT_WITH_EXPIRY.code());
            PutCodec.encodeExpiryPrefix(out, options, expiresAtMillis);
        } else if (options != 0) {
            out.put(EntryType.PUT_WITH_OPTIONS.code()).put(options);
        } else {
            out.put(EntryType.PUT.code());
        }
        PutCodec.encode(out, key, keyBytes, value);
    }

    static int expireMemberSize(int keyBytes) {
        return 1 + ExpiryCodec.expirePayloadSize(keyBytes);
    }

    static void encodeExpire(ByteBuffer out, String key, int keyBytes, long expiresAtMillis) {
        out.put(EntryType.EXPIRE.code());
        ExpiryCodec.encodeExpire(out, key, keyBytes, expiresAtMillis);
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
            if (type == null) {
                throw new IllegalStateException("batch member " + i + " has unknown type " + code);
            }
            writes.add(switch (type) {
                case PUT -> PutCodec.decode(sequence, timestampMicros, in);
                case PUT_WITH_OPTIONS -> PutCodec.decodeWithOptions(sequence, timestampMicros, in);
                case PUT_WITH_EXPIRY -> PutCodec.decodeWithExpiry(sequence, timestampMicros, in);
                case DELETE -> DeleteCodec.decode(sequence, timestampMicros, in);
                case EXPIRE -> ExpiryCodec.decodeExpire(sequence, timestampMicros, in);
                case BATCH, ENTANGLE, DISENTANGLE, PLACE, REAP -> throw new IllegalStateException("batch member " + i
                        + " has type " + type + ", not a change of one key");
            });
        }
        return new JournalEntry.Batch(sequence, timestampMicros, writes);
    }
}
