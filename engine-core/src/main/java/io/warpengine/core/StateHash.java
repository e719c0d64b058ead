package io.warpengine.core;

import java.util.Arrays;

/**
 * The per-entry term of a state digest: a 64-bit mix of the key's and the value's hashes. Summing the terms
 * makes the digest independent of order and of how keys are spread over shards.
 */
public final class StateHash {

    private StateHash() {
    }

    public static long of(String key, byte[] value) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L ^ Arrays.hashCode(value) * 0xC2B2AE3D27D4EB4FL ^ value.length;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
