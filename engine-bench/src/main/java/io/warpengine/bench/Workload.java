package io.warpengine.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The data of a run: {@code keyCount} distinct ASCII keys of exactly {@code keySize} bytes, a pool of random
 * values of {@code valueSize} bytes, and how keys are drawn.
 */
final class Workload {

    enum Distribution { UNIFORM, ZIPFIAN }

    private final String[] keys;
    private final byte[][] values;
    private final Distribution distribution;
    private final ZipfianKeys zipfian;

    Workload(int keyCount, int keySize, int valueSize, Distribution distribution) {
        if (keySize < 8) {
            throw new IllegalArgumentException("--key-size must be at least 8, was " + keySize);
        }
        if (keyCount < 1) {
            throw new IllegalArgumentException("--keys must be at least 1, was " + keyCount);
        }
        if (valueSize < 0) {
            throw new IllegalArgumentException("--value-size must not be negative, was " + valueSize);
        }
        if (String.valueOf(keyCount - 1).length() > keySize) {
            throw new IllegalArgumentException("--key-size " + keySize + " is too short for " + keyCount + " distinct keys");
        }
        this.keys = keys(keyCount, keySize);
        this.values = values(valueSize);
        this.distribution = distribution;
        this.zipfian = distribution == Distribution.ZIPFIAN ? new ZipfianKeys(keyCount, ZipfianKeys.YCSB_THETA) : null;
    }

    private static String[] keys(int count, int size) {
        String[] keys = new String[count];
        int digits = Math.max(String.valueOf(count).length(), size - 4);
        String prefix = "key-".substring(0, Math.max(0, size - digits));
        String format = "%0" + (size - prefix.length()) + "d";
        for (int i = 0; i < count; i++) {
            keys[i] = prefix + String.format(Locale.ROOT, format, i);
        }
        return keys;
    }

    private static byte[][] values(int size) {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[][] values = new byte[64][size];
        for (byte[] v : values) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (byte) ('a' + rnd.nextInt(26));
            }
        }
        return values;
    }

    int keyCount() {
        return keys.length;
    }

    String key(int index) {
        return keys[index];
    }

    /** A key drawn from the workload's distribution. */
    String nextKey(SplittableRandom rnd) {
        return keys[zipfian != null ? zipfian.nextKey(rnd) : rnd.nextInt(keys.length)];
    }

    /** The n-th value of the pool (values cycle: the engine copies them, so sharing is safe). */
    byte[] value(long n) {
        return values[(int) (n & (values.length - 1))];
    }

    Distribution distribution() {
        return distribution;
    }
}
