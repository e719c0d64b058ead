package io.warpengine.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The form a value is held in by the stores and snapshots: the value's bytes followed by a 16-byte trailer, the
 * engine sequence and the wall-clock time (µs since the epoch) of the write that set it. One array per key, never
 * mutated, so whoever reads the array gets the value and its write together. A sequence and time of 0 mean unknown
 * (a value restored from a snapshot written before they were kept).
 */
public final class StoredValue {

    /** Bytes after the value: long sequence, long micros (big-endian). */
    public static final int TRAILER = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private StoredValue() {
    }

    /** {@code value} as written at {@code sequence} and {@code micros}: a new array. */
    public static byte[] of(byte[] value, long sequence, long micros) {
        byte[] stored = Arrays.copyOf(value, value.length + TRAILER);
        LONGS.set(stored, value.length, sequence);
        LONGS.set(stored, value.length + 8, micros);
        return stored;
    }

    /** A copy of the value's bytes. */
    public static byte[] value(byte[] stored) {
        return Arrays.copyOf(stored, length(stored));
    }

    /** The value's length in bytes. */
    public static int length(byte[] stored) {
        return stored.length - TRAILER;
    }

    /** The sequence of the write that set the value (0: unknown). */
    public static long sequence(byte[] stored) {
        return (long) LONGS.get(stored, stored.length - TRAILER);
    }

    /** Wall-clock time of that write, µs since the epoch (0: unknown). */
    public static long micros(byte[] stored) {
        return (long) LONGS.get(stored, stored.length - 8);
    }

    /** Whether {@code stored} can be a stored value (long enough for its trailer). */
    public static boolean wellFormed(byte[] stored) {
        return stored.length >= TRAILER;
    }
}
