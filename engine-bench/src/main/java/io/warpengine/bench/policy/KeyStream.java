package io.warpengine.bench.policy;

import io.warpengine.bench.ZipfianKeys;

import java.util.SplittableRandom;

/**
 * The read streams the policies are measured on, as key indexes in [0, keys). Uniform and zipfian draw keys as
 * {@code ./warp bench} does (Workload, ZipfianKeys), so the figures describe the load it generates. The other two
 * separate recency from frequency: a moving hot set punishes a policy that trusts old counts, and scans punish one
 * that trusts the last read.
 */
enum KeyStream {

    UNIFORM("uniform", "every key equally likely") {
        @Override
        void fill(int[] trace, int keyCount, ZipfianKeys zipfian, SplittableRandom rnd) {
            for (int i = 0; i < trace.length; i++) {
                trace[i] = rnd.nextInt(keyCount);
            }
        }
    },
    ZIPFIAN("zipfian", "YCSB's scrambled zipfian") {
        @Override
        void fill(int[] trace, int keyCount, ZipfianKeys zipfian, SplittableRandom rnd) {
            for (int i = 0; i < trace.length; i++) {
                trace[i] = zipfian.nextKey(rnd);
            }
        }
    },
    SHIFTING("shifting", "zipfian whose hot set moves every keys/2 reads: each key's popularity passes to the next key") {
        @Override
        void fill(int[] trace, int keyCount, ZipfianKeys zipfian, SplittableRandom rnd) {
            // Zipfian keys are scattered by a hash, so key k+1 of a hot key k is almost never hot itself: each move
            // replaces nearly the whole hot set with keys that were cold.
            int period = Math.max(1, keyCount / 2);
            for (int i = 0; i < trace.length; i++) {
                trace[i] = (int) ((zipfian.nextKey(rnd) + (long) (i / period)) % keyCount);
            }
        }
    },
    SCAN("scan", "zipfian with a sequential scan of keys/10 keys after every keys/2 zipfian reads") {
        @Override
        void fill(int[] trace, int keyCount, ZipfianKeys zipfian, SplittableRandom rnd) {
            int between = Math.max(1, keyCount / 2);
            int scanLength = Math.max(1, keyCount / 10);
            int cursor = 0; // each scan goes on where the last one stopped, so scans cover the whole key space
            int i = 0;
            while (i < trace.length) {
                for (int z = 0; z < between && i < trace.length; z++) {
                    trace[i++] = zipfian.nextKey(rnd);
                }
                for (int s = 0; s < scanLength && i < trace.length; s++) {
                    trace[i++] = cursor;
                    cursor = cursor + 1 == keyCount ? 0 : cursor + 1;
                }
            }
        }
    };

    private final String label;
    private final String description;

    KeyStream(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** {@code length} reads over {@code keyCount} keys; {@code zipfian} (over keyCount) is unused by UNIFORM. */
    int[] trace(int keyCount, int length, ZipfianKeys zipfian, long seed) {
        int[] trace = new int[length];
        fill(trace, keyCount, zipfian, new SplittableRandom(seed));
        return trace;
    }

    abstract void fill(int[] trace, int keyCount, ZipfianKeys zipfian, SplittableRandom rnd);

    boolean needsZipfian() {
        return this != UNIFORM;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }
}
