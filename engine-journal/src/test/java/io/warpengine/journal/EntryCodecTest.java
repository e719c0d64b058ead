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
                new JournalEntry.Delete(5, 6, "日本語"));
        for (JournalEntry e : entries) {
            byte[] frame = copy(encode(e));
            assertEquals(e, codec.decode(frame, frame.length));
        }
    }

    /** Any single flipped bit, anywhere in the frame of either shape, is caught. */
    @Test
    void everyFlippedBitIsDetected() {
        for (JournalEntry e : List.of(new JournalEntry.Put(42, 99, "user:1", utf8("hello world")),
                new JournalEntry.Delete(43, 100, "user:1"))) {
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

    private ByteBuffer encode(JournalEntry e) {
        if (e instanceof JournalEntry.Put p) {
            return codec.encodePut(p.sequence(), p.timestampMicros(), utf8(p.key()), p.value());
        }
        return codec.encodeDelete(e.sequence(), e.timestampMicros(), utf8(e.key()));
    }
}
