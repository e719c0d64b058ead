package io.warpengine.journal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EntryCodecTest {

    private final EntryCodec codec = new EntryCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] copy(ByteBuffer frame) {
        return Arrays.copyOf(frame.array(), frame.limit());
    }

    /** Every shape, with edge-case keys and values, survives encode then decode unchanged. */
    @Test
    void everyShapeRoundTrips() {
        byte[] big = new byte[1 << 20];
        new Random(7).nextBytes(big);
        List<JournalEntry> entries = List.of(
                new JournalEntry.Put(1, 1_700_000_000_000_000L, "k", new byte[0]),
                new JournalEntry.Put(2, 3, "ключ-🔑", utf8("value")),
                new JournalEntry.Put(Long.MAX_VALUE, 0, "x".repeat(1024), big),
                new JournalEntry.Delete(4, 5, "gone"),
                new JournalEntry.Delete(5, 6, "日本語"),
                new JournalEntry.Batch(6, 7, List.of(new JournalEntry.Put(6, 7, "a", utf8("1")),
                        new JournalEntry.Delete(6, 7, "b"), new JournalEntry.Put(6, 7, "a", new byte[0]))),
                new JournalEntry.Batch(7, 8, List.of(new JournalEntry.Delete(7, 8, "only"))),
                bigBatch(8, 9, big),
                new JournalEntry.Put(9, 10, "hot", utf8("v"), (byte) 0b1101),
                new JournalEntry.Put(10, 11, "ключ", new byte[0], (byte) 1),
                new JournalEntry.Entangle(11, 12, "user:1", List.of("profile:1", "ключ", "x".repeat(1024)), 0.8f),
                new JournalEntry.Entangle(12, 13, "p", List.of("q"), Float.MIN_VALUE),
                new JournalEntry.Entangle(13, 14, "p", List.of("q"), 1f),
                new JournalEntry.Disentangle(14, 15, "user:1", List.of("profile:1", "ключ")),
                new JournalEntry.Place(15, 16, 256, 4, 255, 3),
                new JournalEntry.Place(16, 17, 1, 1, 0, 0),
                new JournalEntry.Put(17, 18, "session:1", utf8("v"), (byte) 0, 1_800_000_000_000L),
                new JournalEntry.Put(18, 19, "ключ", new byte[0], (byte) 0b1101, Long.MAX_VALUE),
                new JournalEntry.Expire(19, 20, "session:1", 1_800_000_000_123L),
                new JournalEntry.Expire(20, 21, "ключ-🔑", 0),
                new JournalEntry.Reap(21, 22, List.of("session:1", "ключ", "")),
                new JournalEntry.Batch(22, 23, List.of(new JournalEntry.Put(22, 23, "a", utf8("1"), (byte) 3),
                        new JournalEntry.Put(22, 23, "b", utf8("2"), (byte) 0, 5),
                        new JournalEntry.Expire(22, 23, "a", 7), new JournalEntry.Expire(22, 23, "b", 0),
                        new JournalEntry.Delete(22, 23, "c"))));
        for (JournalEntry e : entries) {
            byte[] frame = copy(encode(e));
            assertEquals(e, codec.decode(frame, frame.length));
        }
    }

    /** Any single flipped bit, anywhere in the frame of either shape, is caught. */
    @Test
    void everyFlippedBitIsDetected() {
        for (JournalEntry e : List.of(new JournalEntry.Put(42, 99, "user:1", utf8("hello world")),
                new JournalEntry.Delete(43, 100, "user:1"),
                new JournalEntry.Batch(44, 101, List.of(new JournalEntry.Put(44, 101, "user:1", utf8("x")),
                        new JournalEntry.Delete(44, 101, "user:2"))),
                new JournalEntry.Put(45, 102, "user:1", utf8("x"), (byte) 5),
                new JournalEntry.Entangle(46, 103, "user:1", List.of("a", "b"), 0.5f),
                new JournalEntry.Disentangle(47, 104, "user:1", List.of("a")),
                new JournalEntry.Place(48, 105, 1024, 8, 7, 1),
                new JournalEntry.Put(49, 106, "user:1", utf8("x"), (byte) 0, 1_800_000_000_000L),
                new JournalEntry.Expire(50, 107, "user:1", 1_800_000_000_000L),
                new JournalEntry.Reap(51, 108, List.of("user:1", "user:2")),
                new JournalEntry.Batch(52, 109, List.of(new JournalEntry.Put(52, 109, "a", utf8("x"), (byte) 1, 9),
                        new JournalEntry.Expire(52, 109, "a", 0))))) {
            byte[] frame = copy(encode(e));
            for (int bit = 0; bit < frame.length * 8; bit++) {
                byte[] damaged = frame.clone();
                damaged[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(CorruptEntryException.class, () -> codec.decode(damaged, damaged.length),
                        "bit " + bit + " of " + e);
            }
        }
    }

    @Test
    void truncatedFramesAreRejected() {
        byte[] frame = copy(encode(new JournalEntry.Put(1, 2, "key", utf8("value"))));
        for (int length = 0; length < frame.length; length++) {
            int l = length;
            assertThrows(CorruptEntryException.class, () -> codec.decode(frame, l), "length " + l);
        }
    }

    /** A batch whose frame outgrows the codec's first buffer many times over. */
    private static JournalEntry.Batch bigBatch(long seq, long ts, byte[] big) {
        List<JournalEntry.KeyWrite> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            writes.add(i % 3 == 0 ? new JournalEntry.Delete(seq, ts, "k" + i)
                    : new JournalEntry.Put(seq, ts, "k" + i, Arrays.copyOf(big, i * 37)));
        }
        writes.add(new JournalEntry.Put(seq, ts, "big", big));
        return new JournalEntry.Batch(seq, ts, writes);
    }

    /** A batch inside a batch, or a member count the frame cannot hold, is corruption even with a valid CRC. */
    @Test
    void malformedBatchesAreRejected() {
        byte[] nested = frameWithPayload(EntryType.BATCH, ByteBuffer.allocate(9).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(1).put(EntryType.BATCH.code()).putInt(0).array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(nested, nested.length));
        byte[] overcounted = frameWithPayload(EntryType.BATCH, ByteBuffer.allocate(4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE).array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(overcounted, overcounted.length));
    }

    /** A batch is encoded with exactly the members it announced, or the codec refuses. */
    @Test
    void batchMemberCountIsEnforced() {
        codec.beginBatch(1, 1, 2);
        codec.batchPut("a", utf8("1"));
        assertThrows(IllegalStateException.class, codec::finishBatch);
        codec.beginBatch(1, 1, 1);
        codec.batchDelete("a");
        assertThrows(IllegalStateException.class, () -> codec.batchDelete("b"));
        assertThrows(IllegalArgumentException.class, () -> codec.beginBatch(1, 1, 0));
    }

    /** A frame with a valid header and CRC around {@code payload}. */
    private static byte[] frameWithPayload(EntryType type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(EntryCodec.HEADER_BYTES + payload.length + EntryCodec.CRC_BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(EntryCodec.FORMAT).putLong(1).putLong(2).put(type.code()).put(payload);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Negative or zero times where a time is needed, and impossible reap counts, are corrupt (and refused on encode). */
    @Test
    void malformedExpiriesAreRejected() {
        ByteBuffer negative = ByteBuffer.allocate(8 + 4 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        negative.putLong(-1).putInt(1).put((byte) 'k');
        byte[] expire = frameWithPayload(EntryType.EXPIRE, negative.array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(expire, expire.length));
        ByteBuffer zero = ByteBuffer.allocate(1 + 8 + 4 + 1 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        zero.put((byte) 0).putLong(0).putInt(1).put((byte) 'k').putInt(0);
        byte[] put = frameWithPayload(EntryType.PUT_WITH_EXPIRY, zero.array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(put, put.length));
        for (int count : new int[]{0, -1, Integer.MAX_VALUE, 2}) {
            ByteBuffer reap = ByteBuffer.allocate(4 + 4 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            reap.putInt(count).putInt(1).put((byte) 'k');
            byte[] frame = frameWithPayload(EntryType.REAP, reap.array());
            assertThrows(CorruptEntryException.class, () -> codec.decode(frame, frame.length), "count " + count);
        }
        ByteBuffer inner = ByteBuffer.allocate(4 + 1 + 4 + 4 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        inner.putInt(1).put(EntryType.REAP.code()).putInt(1).putInt(1).put((byte) 'k');
        byte[] reapInBatch = frameWithPayload(EntryType.BATCH, inner.array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(reapInBatch, reapInBatch.length));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeExpire(1, 2, "k", -1));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeReap(1, 2, List.of()));
    }

    /** ENTANGLE strengths outside (0, 1], impossible key counts and a PUT_WITH_OPTIONS of the defaults are corrupt. */
    @Test
    void malformedEntanglementsAndOptionsAreRejected() {
        for (float strength : new float[]{0f, -0.5f, 1.0001f, Float.NaN, Float.POSITIVE_INFINITY}) {
            byte[] frame = copy(codec.encodeEntangle(1, 2, "p", List.of("q"), strength));
            assertThrows(CorruptEntryException.class, () -> codec.decode(frame, frame.length), "strength " + strength);
        }
        ByteBuffer none = ByteBuffer.allocate(4 + 4 + 4 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        none.putFloat(0.5f).putInt(0).putInt(1).put((byte) 'p');
        byte[] noKeys = frameWithPayload(EntryType.ENTANGLE, none.array());
        assertThrows(CorruptEntryException.class, () -> codec.decode(noKeys, noKeys.length));
        ByteBuffer many = ByteBuffer.allocate(4 + 4 + 4 + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        many.putInt(Integer.MAX_VALUE).putInt(1).put((byte) 'p');
        byte[] overcount = frameWithPayload(EntryType.DISENTANGLE, java.util.Arrays.copyOf(many.array(), 9));
        assertThrows(CorruptEntryException.class, () -> codec.decode(overcount, overcount.length));
        for (int[] bad : new int[][]{{0, 1, 0, 0}, {3, 1, 0, 0}, {4, 5, 0, 0}, {4, 2, 4, 0}, {4, 2, 0, 2}, {4, 2, -1, 0}}) {
            byte[] frame = copy(codec.encodePlace(1, 2, bad[0], bad[1], bad[2], bad[3]));
            assertThrows(CorruptEntryException.class, () -> codec.decode(frame, frame.length), java.util.Arrays.toString(bad));
        }
        byte[] plain = copy(codec.encodePut(1, 2, "k", utf8("v")));
        byte[] defaults = frameWithPayload(EntryType.PUT_WITH_OPTIONS, withLeadingZero(plain));
        assertThrows(CorruptEntryException.class, () -> codec.decode(defaults, defaults.length));
        assertEquals(EntryType.PUT, codec.decode(copy(codec.encodePut(1, 2, "k", utf8("v"), (byte) 0)),
                plain.length).type(), "options 0 is a plain PUT");
    }

    /** The PUT payload of {@code plainFrame}, with a 0 options byte in front. */
    private static byte[] withLeadingZero(byte[] plainFrame) {
        int payload = plainFrame.length - EntryCodec.HEADER_BYTES - EntryCodec.CRC_BYTES;
        byte[] out = new byte[1 + payload];
        System.arraycopy(plainFrame, EntryCodec.HEADER_BYTES, out, 1, payload);
        return out;
    }

    private ByteBuffer encode(JournalEntry e) {
        if (e instanceof JournalEntry.Put p && p.expiresAtMillis() != 0) {
            return codec.encodePut(p.sequence(), p.timestampMicros(), p.key(), p.value(), p.options(),
                    p.expiresAtMillis());
        }
        if (e instanceof JournalEntry.Put p && p.options() != 0) {
            return codec.encodePut(p.sequence(), p.timestampMicros(), p.key(), p.value(), p.options());
        }
        if (e instanceof JournalEntry.Put p) {
            return codec.encodePut(p.sequence(), p.timestampMicros(), utf8(p.key()), p.value());
        }
        if (e instanceof JournalEntry.Entangle en) {
            return codec.encodeEntangle(en.sequence(), en.timestampMicros(), en.primary(), en.related(), en.strength());
        }
        if (e instanceof JournalEntry.Place pl) {
            return codec.encodePlace(pl.sequence(), pl.timestampMicros(), pl.logicalShards(), pl.writers(),
                    pl.logicalShard(), pl.writer());
        }
        if (e instanceof JournalEntry.Disentangle d) {
            return codec.encodeDisentangle(d.sequence(), d.timestampMicros(), d.primary(), d.related());
        }
        if (e instanceof JournalEntry.Delete d) {
            return codec.encodeDelete(d.sequence(), d.timestampMicros(), utf8(d.key()));
        }
        if (e instanceof JournalEntry.Expire x) {
            return codec.encodeExpire(x.sequence(), x.timestampMicros(), x.key(), x.expiresAtMillis());
        }
        if (e instanceof JournalEntry.Reap r) {
            return codec.encodeReap(r.sequence(), r.timestampMicros(), r.keys());
        }
        JournalEntry.Batch batch = (JournalEntry.Batch) e;
        codec.beginBatch(batch.sequence(), batch.timestampMicros(), batch.writes().size());
        for (JournalEntry.KeyWrite w : batch.writes()) {
            if (w instanceof JournalEntry.Put p && (p.options() != 0 || p.expiresAtMillis() != 0)) {
                codec.batchPut(p.key(), p.value(), p.options(), p.expiresAtMillis());
            } else if (w instanceof JournalEntry.Put p) {
                codec.batchPut(p.key(), p.value());
            } else if (w instanceof JournalEntry.Expire x) {
                codec.batchExpire(x.key(), x.expiresAtMillis());
            } else {
                codec.batchDelete(w.key());
            }
        }
        return codec.finishBatch();
    }
}
