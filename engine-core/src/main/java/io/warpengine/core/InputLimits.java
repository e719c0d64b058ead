package io.warpengine.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The checks every key and value passes before anything is published: a refusal names the limit, and nothing
 * reaches the journal.
 */
public final class InputLimits {

    private final int maxKeyBytes;
    private final int maxValueBytes;

    public InputLimits(int maxKeyBytes, int maxValueBytes) {
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    /** The key as UTF-8, after the checks of {@link #checkKey}. */
    public byte[] keyUtf8(String key) {
        checkKey(key);
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** Refuses a null, empty, unencodable or too long key, naming the limit. */
    public void checkKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int bytes = utf8Length(key);
        if (bytes > maxKeyBytes) {
            throw new IllegalArgumentException("key of " + bytes + " UTF-8 bytes exceeds key.max.bytes=" + maxKeyBytes);
        }
    }

    /** UTF-8 length of {@code key}; refuses unpaired surrogates, which UTF-8 cannot store faithfully. */
    private static int utf8Length(String key) {
        int length = key.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (!Character.isSurrogate(c)) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(key.charAt(i + 1))) {
                bytes += 2; // 4 bytes for the pair's 2 chars
                i++;
            } else {
                throw new IllegalArgumentException("key has an unpaired UTF-16 surrogate at index " + i
                        + " and cannot be stored as UTF-8");
            }
        }
        return bytes;
    }

    public byte[] copyValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null (use delete to remove a key)");
        }
        int max = maxValueBytes;
        if (value.length > max) {
            throw new IllegalArgumentException("value of " + value.length + " bytes exceeds value.max.bytes=" + max);
        }
        return Arrays.copyOf(value, value.length);
    }
}
