package io.warpengine.server.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Integers as Redis's string2ll reads them: what INCR accepts in a value and in an argument. */
class ArgsTest {

    @Test
    void integersAsRedisReadsThem() {
        assertEquals(0L, parse("0"));
        assertEquals(-1L, parse("-1"));
        assertEquals(Long.MAX_VALUE, parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parse("-9223372036854775808"));
        for (String bad : new String[]{"", "-", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808",
                "-9223372036854775809", "12345678901234567890123", "1e3", "abc"}) {
            assertNull(parse(bad), bad);
        }
    }

    private static Long parse(String text) {
        return Args.parseInteger(text.getBytes(StandardCharsets.US_ASCII));
    }
}
