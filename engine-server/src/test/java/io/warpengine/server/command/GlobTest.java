package io.warpengine.server.command;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis's glob rules, as its stringmatchlen applies them (the cases of its util.c tests and the KEYS docs). */
class GlobTest {

    @Test
    void wildcardsSetsRangesAndEscapes() {
        assertMatches("h?llo", "hello", "hallo", "hxllo");
        assertNoMatch("h?llo", "hllo", "heello");
        assertMatches("h*llo", "hllo", "heeeello");
        assertMatches("h[ae]llo", "hello", "hallo");
        assertNoMatch("h[ae]llo", "hillo");
        assertMatches("h[^e]llo", "hallo", "hbllo");
        assertNoMatch("h[^e]llo", "hello");
        assertMatches("h[a-b]llo", "hallo", "hbllo");
        assertNoMatch("h[a-b]llo", "hcllo");
        assertMatches("h[b-a]llo", "hallo"); // a reversed range is the same range, as in Redis
        assertMatches("h\\*llo", "h*llo");
        assertNoMatch("h\\*llo", "hello");
        assertMatches("[\\]]", "]");
        assertMatches("*", "anything", "a");
        assertMatches("a*b*c", "abc", "aXbYc", "abbbc", "acbc");
        assertNoMatch("a*b*c", "acb", "ab");
        assertMatches("*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaab");
        assertNoMatch("*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac");
        assertMatches("user:[ab", "user:a", "user:b"); // an unclosed set runs to the end of the pattern
        assertNoMatch("user:[", "user:x"); // ... and an empty one matches nothing
        assertMatches("a\\", "a\\"); // a trailing backslash is itself
    }

    @Test
    void bytesAreMatchedAsRedisMatchesThem() {
        assertMatches("caf?", "cafe");
        assertNoMatch("caf?", "caf\u00e9"); // é is two bytes in UTF-8: ? takes one
        assertMatches("caf??", "caf\u00e9");
        assertMatches("caf\u00e9*", "caf\u00e9s");
    }

    @Test
    void theLiteralPrefixIsWhatTheEngineListsByPrefix() {
        assertEquals("user:", glob("user:*").literalPrefix());
        assertEquals("user:1", glob("user:1").literalPrefix());
        assertEquals("a*b", glob("a\\*b?").literalPrefix());
        assertEquals("", glob("*user").literalPrefix());
        assertEquals("us", glob("us[e]r").literalPrefix());
        assertEquals("caf\u00e9", glob("caf\u00e9*").literalPrefix());
        assertEquals("", new Glob(new byte[]{'a', (byte) 0xc3, '*'}).literalPrefix(), "half a character: no prefix");
        assertTrue(glob("**").matchesAll());
        assertFalse(glob("*a").matchesAll());
    }

    private static Glob glob(String pattern) {
        return new Glob(pattern.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMatches(String pattern, String... keys) {
        for (String key : keys) {
            assertTrue(glob(pattern).matches(key), pattern + " matches " + key);
        }
    }

    private static void assertNoMatch(String pattern, String... keys) {
        for (String key : keys) {
            assertFalse(glob(pattern).matches(key), pattern + " does not match " + key);
        }
    }
}
