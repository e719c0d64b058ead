package io.warpengine.journal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys encoded in place give the same bytes, and the same journal frames, as the JDK's UTF-8 encoder. */
class Utf8Test {

    private static final String[] ALPHABET = {"a", "Z", "7", "é", "ß", "€", "中", "\uFFFF", "😀", "\uD83C\uDF0D", "\u0800", "\u07FF"};

    @Test
    void randomKeysEncodeLikeTheJdkAndGiveIdenticalFrames() {
        Random rnd = new Random(42);
        EntryCodec inPlace = new EntryCodec();
        EntryCodec fromBytes = new EntryCodec();
        for (int trial = 0; trial < 5_000; trial++) {
            StringBuilder key = new StringBuilder();
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                key.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
            }
            String k = key.toString();
            byte[] jdk = k.getBytes(StandardCharsets.UTF_8);
            assertEquals(jdk.length, Utf8.length(k), k);
            ByteBuffer out = ByteBuffer.allocate(jdk.length);
            Utf8.encode(k, out);
            assertArrayEquals(jdk, out.array(), k);
            byte[] value = new byte[rnd.nextInt(8)];
            assertArrayEquals(frame(fromBytes.encodePut(trial, 9, jdk, value)), frame(inPlace.encodePut(trial, 9, k, value)));
            assertArrayEquals(frame(fromBytes.encodeDelete(trial, 9, jdk)), frame(inPlace.encodeDelete(trial, 9, k)));
        }
    }

    @Test
    void unpairedSurrogatesAreRefusedNamingTheIndex() {
        for (String bad : new String[]{"a\uD800", "\uDC00b", "x\uD800y", "\uDFFF\uD800"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Utf8.length(bad));
            assertEquals(true, e.getMessage().contains("unpaired UTF-16 surrogate at index"), e.getMessage());
        }
    }

    private static byte[] frame(ByteBuffer frame) {
        return Arrays.copyOfRange(frame.array(), 0, frame.limit());
    }
}
