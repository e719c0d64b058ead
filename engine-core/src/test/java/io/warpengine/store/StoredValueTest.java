package io.warpengine.store;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredValueTest {

    @Test
    void valueSequenceAndTimeRoundTrip() {
        Random rnd = new Random(7);
        for (int n = 0; n < 1000; n++) {
            byte[] value = new byte[rnd.nextInt(300)];
            rnd.nextBytes(value);
            long sequence = rnd.nextLong();
            long micros = rnd.nextLong();
            byte[] stored = StoredValue.of(value, sequence, micros);
            assertArrayEquals(value, StoredValue.value(stored));
            assertEquals(value.length, StoredValue.length(stored));
            assertEquals(sequence, StoredValue.sequence(stored));
            assertEquals(micros, StoredValue.micros(stored));
            assertTrue(StoredValue.wellFormed(stored));
        }
        assertFalse(StoredValue.wellFormed(new byte[15]));
    }
}
