package io.warpengine.core;

import io.warpengine.journal.Utf8;

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

    /** Refuses a null, empty, unencodable or too long key, naming the limit; returns its UTF-8 length. */
    public int checkKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        int bytes = Utf8.length(key); // refuses unpaired surrogates, which UTF-8 cannot store faithfully
        if (bytes > maxKeyBytes) {
            throw new IllegalArgumentException("key of " + bytes + " UTF-8 bytes exceeds key.max.bytes=" + maxKeyBytes);
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
