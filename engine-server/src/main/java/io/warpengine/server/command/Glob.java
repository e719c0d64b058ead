package io.warpengine.server.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Redis's glob patterns (KEYS, SCAN MATCH), matched on the key's UTF-8 bytes as Redis matches its binary keys:
 * {@code *} any run of bytes, {@code ?} one byte, {@code [abc]}, {@code [^a]}, {@code [a-z]} one byte of a set,
 * a backslash makes the next byte literal; an unclosed {@code [} runs to the end of the pattern, as in Redis.
 * Matching is iterative (a star backtracks at most once per byte of the key), so no pattern costs more than
 * pattern length times key length.
 */
public final class Glob {

    private final byte[] pattern;

    public Glob(byte[] pattern) {
        this.pattern = pattern.clone();
    }

    /** Whether the pattern matches every key ({@code *}): the filter can be skipped. */
    public boolean matchesAll() {
        for (byte b : pattern) {
            if (b != '*') {
                return false;
            }
        }
        return pattern.length > 0;
    }

    /**
     * The text every matching key starts with: the pattern's bytes before its first wildcard, escapes resolved;
     * empty when they are not whole UTF-8 characters (the matcher then decides on every key).
     */
    public String literalPrefix() {
        byte[] prefix = new byte[pattern.length];
        int n = 0;
        for (int i = 0; i < pattern.length; i++) {
            byte b = pattern[i];
            if (b == '*' || b == '?' || b == '[') {
                break;
            }
            if (b == '\\' && i + 1 < pattern.length) {
                b = pattern[++i];
            }
            prefix[n++] = b;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(prefix, 0, n)).toString();
        } catch (CharacterCodingException partOfACharacter) {
            return "";
        }
    }

    public boolean matches(String key) {
        return matches(KeyCodec.bytes(key));
    }

    public boolean matches(byte[] key) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < key.length) {
            if (p < pattern.length && pattern[p] == '*') {
                starP = p++;
                starS = s;
                continue;
            }
            int next = p < pattern.length ? matchOne(p, key[s]) : -1;
            if (next >= 0) {
                p = next;
                s++;
            } else if (starP >= 0) {
                p = starP + 1; // the last star takes one byte more, the rest of the pattern retries after it
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** If the one-byte element at {@code p} matches {@code c}: the index after the element, else -1. */
    private int matchOne(int p, byte c) {
        byte b = pattern[p];
        if (b == '?') {
            return p + 1;
        }
        if (b == '[') {
            return matchSet(p + 1, c);
        }
        if (b == '\\' && p + 1 < pattern.length) {
            return pattern[p + 1] == c ? p + 2 : -1;
        }
        return b == c ? p + 1 : -1;
    }

    /** A {@code [...]} set whose body starts at {@code i}, as Redis's stringmatchlen reads it. */
    private int matchSet(int i, byte c) {
        boolean not = i < pattern.length && pattern[i] == '^';
        if (not) {
            i++;
        }
        boolean match = false;
        int end = pattern.length;
        while (i < end && pattern[i] != ']') {
            if (pattern[i] == '\\' && end - i >= 2) {
                i++;
                match |= pattern[i] == c;
            } else if (end - i >= 3 && pattern[i + 1] == '-') {
                int from = pattern[i] & 0xff;
                int to = pattern[i + 2] & 0xff;
                int x = c & 0xff;
                match |= x >= Math.min(from, to) && x <= Math.max(from, to);
                i += 2;
            } else {
                match |= pattern[i] == c;
            }
            i++;
        }
        int next = i < end ? i + 1 : end;
        return match != not ? next : -1;
    }
}
