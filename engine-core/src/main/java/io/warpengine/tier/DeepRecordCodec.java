package io.warpengine.tier;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * One value in the deep log, encoded and decoded side by side:
 * <pre>
 *   int   CRC32C of every byte after it
 *   int   key length (UTF-8 bytes)
 *   int   stored length (the value and its trailer, see StoredValue)
 *   byte[] key
 *   byte[] stored
 * </pre>
 * The key is kept so that a read can prove the record is the one its location promised, not a neighbour's.
 */
final class DeepRecordCodec {

    static final int HEADER = 12;

    private DeepRecordCodec() {
    }

    /** The whole record, ready to write. */
    static ByteBuffer encode(String key, byte[] stored) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer record = ByteBuffer.allocate(HEADER + keyBytes.length + stored.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0).putInt(keyBytes.length).putInt(stored.length).put(keyBytes).put(stored);
        record.putInt(0, crc(record, HEADER + keyBytes.length + stored.length));
        return record.flip();
    }

    /** Bytes of the whole record whose header starts {@code header} (at least {@link #HEADER} bytes, little-endian). */
    static int length(ByteBuffer header) {
        long length = (long) HEADER + header.getInt(4) + header.getInt(8);
        return header.getInt(4) < 0 || header.getInt(8) < 0 || length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    /**
     * The stored value of the record in {@code record} (position 0, limit its end), checked: its CRC, and that it is
     * the record of {@code key}.
     *
     * @throws CorruptDeepRecordException with {@code where} in its message when either check fails
     */
    static byte[] decode(ByteBuffer record, String key, String where) {
        record.order(ByteOrder.LITTLE_ENDIAN);
        if (record.limit() < HEADER) {
            throw new CorruptDeepRecordException(where + ": only " + record.limit() + " bytes, less than a header");
        }
        int length = length(record);
        if (length < 0 || length > record.limit()) {
            throw new CorruptDeepRecordException(where + ": record length " + length + " does not fit in "
                    + record.limit() + " bytes");
        }
        if (record.getInt(0) != crc(record, length)) {
            throw new CorruptDeepRecordException(where + ": CRC32C mismatch");
        }
        int keyLength = record.getInt(4);
        byte[] keyBytes = new byte[keyLength];
        record.get(HEADER, keyBytes);
        if (!Arrays.equals(keyBytes, key.getBytes(StandardCharsets.UTF_8))) {
            throw new CorruptDeepRecordException(where + ": holds the value of '"
                    + new String(keyBytes, StandardCharsets.UTF_8) + "', not of '" + key + "'");
        }
        byte[] stored = new byte[length - HEADER - keyLength];
        record.get(HEADER + keyLength, stored);
        return stored;
    }

    private static int crc(ByteBuffer record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(record.duplicate().position(4).limit(length));
        return (int) crc.getValue();
    }
}
