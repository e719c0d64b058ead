package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The frame every journal entry is stored in, little-endian:
 * <pre>
 *   byte  format (1)
 *   long  engine sequence
 *   long  timestamp, microseconds since the epoch
 *   byte  entry type ({@link EntryType#code()})
 *   ...   payload, one codec per type ({@link PutCodec}, {@link DeleteCodec}, {@link BatchCodec},
 *         {@link EntanglementCodec}, {@link PlacementCodec}, {@link ExpiryCodec})
 *   int   CRC32C of every byte above
 * </pre>
 * Encoding goes through a reusable heap buffer so the CRC runs on the JDK's intrinsic over a byte array.
 */
public final class EntryCodec {

    static final byte FORMAT = 1;
    static final int HEADER_BYTES = 1 + 8 + 8 + 1;
    static final int CRC_BYTES = 4;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = newBuffer(4096);
    /** Members a batch being encoded still expects; -1 when none is being encoded. */
    private int batchMembersLeft = -1;

    /** Encodes a PUT into this codec's buffer and returns it, positioned at 0 and limited to the frame. */
    public ByteBuffer encodePut(long sequence, long timestampMicros, byte[] keyUtf8, byte[] value) {
        ByteBuffer out = start(sequence, timestampMicros, EntryType.PUT,
                PutCodec.payloadSize(keyUtf8.length, value.length));
        PutCodec.encode(out, keyUtf8, value);
        return finish(out);
    }

    /** Encodes a DELETE into this codec's buffer and returns it, positioned at 0 and limited to the frame. */
    public ByteBuffer encodeDelete(long sequence, long timestampMicros, byte[] keyUtf8) {
        ByteBuffer out = start(sequence, timestampMicros, EntryType.DELETE, DeleteCodec.payloadSize(keyUtf8.length));
        DeleteCodec.encode(out, keyUtf8);
        return finish(out);
    }

    /** As {@link #encodePut(long, long, byte[], byte[])}, encoding the key in place: no copy of it is allocated. */
    public ByteBuffer encodePut(long sequence, long timestampMicros, String key, byte[] value) {
        int keyBytes = Utf8.length(key);
        ByteBuffer out = start(sequence, timestampMicros, EntryType.PUT, PutCodec.payloadSize(keyBytes, value.length));
        PutCodec.encode(out, key, keyBytes, value);
        return finish(out);
    }

    /**
     * A PUT that also sets the key's put options: a PUT_WITH_OPTIONS entry, or a plain PUT when {@code options}
     * is 0 (the defaults).
     */
    public ByteBuffer encodePut(long sequence, long timestampMicros, String key, byte[] value, byte options) {
        if (options == 0) {
            return encodePut(sequence, timestampMicros, key, value);
        }
        int keyBytes = Utf8.length(key);
        ByteBuffer out = start(sequence, timestampMicros, EntryType.PUT_WITH_OPTIONS,
                1 + PutCodec.payloadSize(keyBytes, value.length));
        out.put(options);
        PutCodec.encode(out, key, keyBytes, value);
        return finish(out);
    }

    /**
     * A PUT that also sets the key's expiry time ({@code expiresAtMillis}, ms since the epoch; 0: no expiry, which
     * gives the PUT or PUT_WITH_OPTIONS entry) and its put options.
     */
    public ByteBuffer encodePut(long sequence, long timestampMicros, String key, byte[] value, byte options,
                                long expiresAtMillis) {
        if (expiresAtMillis == 0) {
            return encodePut(sequence, timestampMicros, key, value, options);
        }
        checkTime(expiresAtMillis, "expiry time");
        int keyBytes = Utf8.length(key);
        ByteBuffer out = start(sequence, timestampMicros, EntryType.PUT_WITH_EXPIRY,
                PutCodec.EXPIRY_PREFIX + PutCodec.payloadSize(keyBytes, value.length));
        PutCodec.encodeExpiryPrefix(out, options, expiresAtMillis);
        PutCodec.encode(out, key, keyBytes, value);
        return finish(out);
    }

    /** Encodes an EXPIRE: {@code key}'s expiry time set to {@code expiresAtMillis}, or removed when it is 0. */
    public ByteBuffer encodeExpire(long sequence, long timestampMicros, String key, long expiresAtMillis) {
        if (expiresAtMillis < 0) {
            throw new IllegalArgumentException("expiry time " + expiresAtMillis + " is negative");
        }
        int keyBytes = Utf8.length(key);
        ByteBuffer out = start(sequence, timestampMicros, EntryType.EXPIRE, ExpiryCodec.expirePayloadSize(keyBytes));
        ExpiryCodec.encodeExpire(out, key, keyBytes, expiresAtMillis);
        return finish(out);
    }

    /** Encodes a REAP of {@code keys} (at least one): those expired as of the entry's time are deleted. */
    public ByteBuffer encodeReap(long sequence, long timestampMicros, List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a reap needs at least one key");
        }
        ByteBuffer out = start(sequence, timestampMicros, EntryType.REAP, ExpiryCodec.reapPayloadSize(keys));
        ExpiryCodec.encodeReap(out, keys);
        return finish(out);
    }

    /** Encodes an ENTANGLE of {@code primary} with each of {@code related} (at least one) at {@code strength}. */
    public ByteBuffer encodeEntangle(long sequence, long timestampMicros, String primary, List<String> related,
                                     float strength) {
        ByteBuffer out = start(sequence, timestampMicros, EntryType.ENTANGLE, EntanglementCodec.payloadSize(true,
                Utf8.length(primary), EntanglementCodec.utf8Total(related), related.size()));
        EntanglementCodec.encodeEntangle(out, primary, related, strength);
        return finish(out);
    }

    /** Encodes a DISENTANGLE of {@code primary} from each of {@code related} (at least one). */
    public ByteBuffer encodeDisentangle(long sequence, long timestampMicros, String primary, List<String> related) {
        ByteBuffer out = start(sequence, timestampMicros, EntryType.DISENTANGLE, EntanglementCodec.payloadSize(false,
                Utf8.length(primary), EntanglementCodec.utf8Total(related), related.size()));
        EntanglementCodec.encodeDisentangle(out, primary, related);
        return finish(out);
    }

    /** Encodes a PLACE of {@code logicalShard} on {@code writer}, in a table of the given shape. */
    public ByteBuffer encodePlace(long sequence, long timestampMicros, int logicalShards, int writers,
                                  int logicalShard, int writer) {
        ByteBuffer out = start(sequence, timestampMicros, EntryType.PLACE, PlacementCodec.PAYLOAD_BYTES);
        PlacementCodec.encode(out, logicalShards, writers, logicalShard, writer);
        return finish(out);
    }

    /** As {@link #encodeDelete(long, long, byte[])}, encoding the key in place. */
    public ByteBuffer encodeDelete(long sequence, long timestampMicros, String key) {
        int keyBytes = Utf8.length(key);
        ByteBuffer out = start(sequence, timestampMicros, EntryType.DELETE, DeleteCodec.payloadSize(keyBytes));
        DeleteCodec.encode(out, key, keyBytes);
        return finish(out);
    }

    /**
     * Starts encoding a BATCH of {@code members} key changes: add exactly that many with {@link #batchPut} and
     * {@link #batchDelete}, then {@link #finishBatch()}.
     */
    public void beginBatch(long sequence, long timestampMicros, int members) {
        if (members < 1) {
            throw new IllegalArgumentException("a batch entry needs at least one member, got " + members);
        }
        BatchCodec.encodeCount(start(sequence, timestampMicros, EntryType.BATCH, 4), members);
        batchMembersLeft = members;
    }

    /** Adds a PUT member to the batch being encoded. */
    public void batchPut(String key, byte[] value) {
        int keyBytes = Utf8.length(key);
        BatchCodec.encodePut(member(BatchCodec.putMemberSize(keyBytes, value.length)), key, keyBytes, value);
    }

    /** Adds a put member that also sets the key's options and expiry time (0: none) to the batch being encoded. */
    public void batchPut(String key, byte[] value, byte options, long expiresAtMillis) {
        if (expiresAtMillis != 0) {
            checkTime(expiresAtMillis, "expiry time");
        }
        int keyBytes = Utf8.length(key);
        BatchCodec.encodePut(member(BatchCodec.putMemberSize(keyBytes, value.length, options, expiresAtMillis)), key,
                keyBytes, value, options, expiresAtMillis);
    }

    /** Adds an EXPIRE member (0: the expiry removed) to the batch being encoded. */
    public void batchExpire(String key, long expiresAtMillis) {
        if (expiresAtMillis < 0) {
            throw new IllegalArgumentException("expiry time " + expiresAtMillis + " is negative");
        }
        int keyBytes = Utf8.length(key);
        BatchCodec.encodeExpire(member(BatchCodec.expireMemberSize(keyBytes)), key, keyBytes, expiresAtMillis);
    }

    /** Adds a DELETE member to the batch being encoded. */
    public void batchDelete(String key) {
        int keyBytes = Utf8.length(key);
        BatchCodec.encodeDelete(member(BatchCodec.deleteMemberSize(keyBytes)), key, keyBytes);
    }

    /** Ends the batch being encoded and returns its frame, positioned at 0 and limited to it. */
    public ByteBuffer finishBatch() {
        if (batchMembersLeft != 0) {
            throw new IllegalStateException(batchMembersLeft < 0 ? "no batch is being encoded"
                    : "the batch still expects " + batchMembersLeft + " members");
        }
        batchMembersLeft = -1;
        ensureRoom(CRC_BYTES);
        return finish(buffer);
    }

    private ByteBuffer member(int size) {
        if (batchMembersLeft <= 0) {
            throw new IllegalStateException(batchMembersLeft < 0 ? "no batch is being encoded"
                    : "the batch already has all its members");
        }
        batchMembersLeft--;
        ensureRoom(size);
        return buffer;
    }

    /** Grows the buffer, keeping what is encoded so far, until {@code bytes} more fit. */
    private void ensureRoom(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = newBuffer(Integer.highestOneBit(buffer.position() + bytes) << 1);
            bigger.put(buffer.array(), 0, buffer.position());
            buffer = bigger;
        }
    }

    /**
     * Decodes one frame occupying {@code frame[0, length)}.
     *
     * @throws CorruptEntryException when the CRC does not match or the frame is malformed
     */
    public JournalEntry decode(byte[] frame, int length) {
        if (length < HEADER_BYTES + CRC_BYTES) {
            throw new CorruptEntryException("entry of " + length + " bytes is shorter than the smallest frame");
        }
        ByteBuffer in = ByteBuffer.wrap(frame, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int stored = in.getInt(length - CRC_BYTES);
        crc.reset();
        crc.update(frame, 0, length - CRC_BYTES);
        if ((int) crc.getValue() != stored) {
            throw new CorruptEntryException("CRC32C mismatch");
        }
        byte format = in.get();
        if (format != FORMAT) {
            throw new CorruptEntryException("unknown entry format " + format);
        }
        long sequence = in.getLong();
        long timestamp = in.getLong();
        byte code = in.get();
        EntryType type = EntryType.ofCode(code);
        if (type == null) {
            throw new CorruptEntryException("unknown entry type " + code);
        }
        in.limit(length - CRC_BYTES);
        try {
            JournalEntry entry = switch (type) {
                case PUT -> PutCodec.decode(sequence, timestamp, in);
                case DELETE -> DeleteCodec.decode(sequence, timestamp, in);
                case BATCH -> BatchCodec.decode(sequence, timestamp, in);
                case PUT_WITH_OPTIONS -> PutCodec.decodeWithOptions(sequence, timestamp, in);
                case ENTANGLE -> EntanglementCodec.decodeEntangle(sequence, timestamp, in);
                case DISENTANGLE -> EntanglementCodec.decodeDisentangle(sequence, timestamp, in);
                case PLACE -> PlacementCodec.decode(sequence, timestamp, in);
                case PUT_WITH_EXPIRY -> PutCodec.decodeWithExpiry(sequence, timestamp, in);
                case EXPIRE -> ExpiryCodec.decodeExpire(sequence, timestamp, in);
                case REAP -> ExpiryCodec.decodeReap(sequence, timestamp, in);
            };
            if (in.hasRemaining()) {
                throw new CorruptEntryException(in.remaining() + " trailing bytes after the payload");
            }
            return entry;
        } catch (IllegalStateException | java.nio.BufferUnderflowException e) {
            throw new CorruptEntryException("malformed payload: " + e.getMessage());
        }
    }

    private static void checkTime(long millis, String what) {
        if (millis <= 0) {
            throw new IllegalArgumentException(what + " " + millis + " is not after the epoch");
        }
    }

    private ByteBuffer start(long sequence, long timestampMicros, EntryType type, int payloadSize) {
        batchMembersLeft = -1; // a batch left unfinished (its append failed) is abandoned
        int size = HEADER_BYTES + payloadSize + CRC_BYTES;
        if (buffer.capacity() < size) {
            buffer = newBuffer(Integer.highestOneBit(size) << 1);
        }
        ByteBuffer out = buffer.clear();
        return out.put(FORMAT).putLong(sequence).putLong(timestampMicros).put(type.code());
    }

    private ByteBuffer finish(ByteBuffer out) {
        crc.reset();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.flip();
    }

    private static ByteBuffer newBuffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
