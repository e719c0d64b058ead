package io.warpengine.bench;

import java.util.SplittableRandom;

/**
 * The data of a run: {@code keyCount} distinct ASCII keys of exactly {@code keySize} bytes, a pool of random
 * values of {@code valueSize} bytes, and how keys are drawn.
 */
final class Workload {

    enum Distribution { UNIFORM, ZIPFIAN }

    /** Keys each QUANTUM_GET key is entangled with: the next ones in key order. */
    static final int ENTANGLED_PER_KEY = 5;
    /** The most keys a run entangles (QUANTUM_GET draws among them): entangling is one journaled call per key. */
    static final int MAX_ENTANGLED_KEYS = 10_000;
    /** Puts in each BATCH. */
    static final int BATCH_WRITES = 10;

    /** The keys, made once; null when they are made per use (see {@link #withKeysMadePerUse}). */
    private final String[] keys;
    private final int keyCount;
    private final String prefix;
    private final int keySize;
    private final byte[][] values;
    private final Distribution distribution;
    private final ZipfianKeys zipfian;

    Workload(int keyCount, int keySize, int valueSize, Distribution distribution) {
        this(keyCount, keySize, valueSize, distribution, false);
    }

    /**
     * @param textValues JSON-like records (LZ4 halves them) instead of random letters (which it cannot shrink by
     *                   the eighth the photon sphere asks)
     */
    Workload(int keyCount, int keySize, int valueSize, Distribution distribution, boolean textValues) {
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
        this.keyCount = keyCount;
        this.keySize = keySize;
        int digits = Math.max(String.valueOf(keyCount).length(), keySize - 4);
        this.prefix = "key-".substring(0, Math.max(0, keySize - digits));
        this.keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = name(i);
        }
        this.values = textValues ? textValues(valueSize) : values(valueSize);
        this.distribution = distribution;
        this.zipfian = distribution == Distribution.ZIPFIAN ? new ZipfianKeys(keyCount, ZipfianKeys.YCSB_THETA) : null;
    }

    private Workload(Workload of, Distribution distribution, boolean keepKeys) {
        this.keys = keepKeys ? of.keys : null;
        this.keyCount = of.keyCount;
        this.prefix = of.prefix;
        this.keySize = of.keySize;
        this.values = of.values;
        this.distribution = distribution;
        this.zipfian = distribution == Distribution.ZIPFIAN ? new ZipfianKeys(keyCount, ZipfianKeys.YCSB_THETA) : null;
    }

    /** The same keys and values, drawn by {@code other}: no second copy of the keys. */
    Workload withDistribution(Distribution other) {
        return new Workload(this, other, keys != null);
    }

    /**
     * The same workload with each key made when used instead of kept: 10M keys of 16 bytes kept as Strings take
     * 600 MB of the runner's heap, which an engine whose heap is the point of the measurement should not share.
     */
    Workload withKeysMadePerUse() {
        return new Workload(this, distribution, false);
    }

    private static byte[][] textValues(int size) {
        SplittableRandom rnd = new SplittableRandom(42);
        byte[][] values = new byte[64][];
        for (int v = 0; v < values.length; v++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < size) {
                text.append("{\"id\":").append(rnd.nextInt(1_000_000)).append(",\"name\":\"user ")
                        .append(rnd.nextInt(1000)).append("\",\"active\":").append(rnd.nextBoolean())
                        .append(",\"tags\":[\"warp\",\"engine\"]}");
            }
            values[v] = text.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return values;
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
        return keyCount;
    }

    String key(int index) {
        return keys != null ? keys[index] : name(index);
    }

    /** The key of {@code index}: the prefix, then the index zero-padded to {@code keySize} characters in all. */
    private String name(int index) {
        char[] name = new char[keySize];
        prefix.getChars(0, prefix.length(), name, 0);
        for (int i = keySize - 1, n = index; i >= prefix.length(); i--, n /= 10) {
            name[i] = (char) ('0' + n % 10);
        }
        return new String(name);
    }

    /** The key an operation works on: for QUANTUM_GET, one of the entangled keys; else {@link #nextKey(SplittableRandom)}. */
    String nextKey(Op op, SplittableRandom rnd) {
        return op == Op.QUANTUM_GET ? key(rnd.nextInt(entangledKeys())) : nextKey(rnd);
    }

    /** How many keys (the first ones) are entangled with {@link #ENTANGLED_PER_KEY} others each. */
    int entangledKeys() {
        return Math.min(MAX_ENTANGLED_KEYS, keyCount);
    }

    /** The keys {@code key} (the n-th key) is entangled with: the next {@link #ENTANGLED_PER_KEY} keys, wrapping. */
    String[] related(String key) {
        int index = Integer.parseInt(key.substring(key.length() - String.valueOf(keyCount - 1).length()));
        return related(index);
    }

    String[] related(int index) {
        String[] related = new String[Math.min(ENTANGLED_PER_KEY, keyCount - 1)];
        for (int i = 0; i < related.length; i++) {
            related[i] = key((index + 1 + i) % keyCount);
        }
        return related;
    }

    /** {@code first} and {@link #BATCH_WRITES} - 1 more keys from the distribution (they may repeat). */
    String[] batchKeys(String first, SplittableRandom rnd) {
        String[] batch = new String[BATCH_WRITES];
        batch[0] = first;
        for (int i = 1; i < batch.length; i++) {
            batch[i] = nextKey(rnd);
        }
        return batch;
    }

    /** A key drawn from the workload's distribution. */
    String nextKey(SplittableRandom rnd) {
        return key(zipfian != null ? zipfian.nextKey(rnd) : rnd.nextInt(keyCount));
    }

    /** The n-th value of the pool (values cycle: the engine copies them, so sharing is safe). */
    byte[] value(long n) {
        return values[(int) (n & (values.length - 1))];
    }

    Distribution distribution() {
        return distribution;
    }
}
