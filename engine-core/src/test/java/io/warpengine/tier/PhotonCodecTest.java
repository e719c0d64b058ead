package io.warpengine.tier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The photon sphere's compression: round trips, and values it would not shrink enough are left alone. */
class PhotonCodecTest {

    @Test
    void compressibleValuesOfManySizesRoundTripAndShrink() {
        Random rnd = new Random(3);
        for (int size : new int[]{256, 1000, 1024, 4096, 65_536, 1 << 20}) {
            StringBuilder json = new StringBuilder();
            while (json.length() < size) {
                json.append("{\"user\":").append(rnd.nextInt(1000)).append(",\"name\":\"ada\",\"active\":true}");
            }
            byte[] value = json.substring(0, size).getBytes(StandardCharsets.UTF_8);
            byte[] compressed = PhotonCodec.compress(value);
            assertNotNull(compressed, size + " bytes of JSON compress");
            assertTrue(compressed.length <= value.length * PhotonCodec.MAX_RATIO, size + ": " + compressed.length);
            assertArrayEquals(value, PhotonCodec.decompress(compressed));
        }
    }

    @Test
    void shortOrIncompressibleValuesAreNotCompressed() {
        Random rnd = new Random(4);
        byte[] random = new byte[1024];
        rnd.nextBytes(random);
        assertNull(PhotonCodec.compress(random), "random bytes do not shrink by an eighth");
        assertNull(PhotonCodec.compress(new byte[PhotonCodec.MIN_BYTES - 1]), "too short to be worth it");
        byte[] zeros = new byte[PhotonCodec.MIN_BYTES];
        assertArrayEquals(zeros, PhotonCodec.decompress(PhotonCodec.compress(zeros)));
    }
}
