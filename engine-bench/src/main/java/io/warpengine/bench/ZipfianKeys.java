package io.warpengine.bench;

import java.util.SplittableRandom;

/**
 * Zipfian key ranks (skew {@code theta}, YCSB's default 0.99) by the rejection-free method of Gray et al.,
 * "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB does. Ranks are scrambled with
 * a hash, as YCSB's ScrambledZipfianGenerator does, so the hot keys are spread over the key space instead of
 * being the first ones.
 */
public final class ZipfianKeys {

    public static final double YCSB_THETA = 0.99;

    private final int n;
    private final double theta;
    private final double alpha;
    private final double zetaN;
    private final double eta;

    public ZipfianKeys(int n, double theta) {
        if (n < 1 || theta <= 0 || theta >= 1) {
            throw new IllegalArgumentException("zipfian needs n >= 1 and 0 < theta < 1, got n=" + n + " theta=" + theta);
        }
        this.n = n;
        this.theta = theta;
        this.alpha = 1.0 / (1.0 - theta);
        this.zetaN = zeta(n, theta);
        double zeta2 = zeta(2, theta);
        this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
    }

    private static double zeta(int n, double theta) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += 1 / Math.pow(i, theta);
        }
        return sum;
    }

    /** A rank in [0, n): 0 is the most popular. */
    int nextRank(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double uz = u * zetaN;
        if (uz < 1.0) {
            return 0;
        }
        if (uz < 1.0 + Math.pow(0.5, theta)) {
            return Math.min(1, n - 1);
        }
        return Math.min(n - 1, (int) (n * Math.pow(eta * u - eta + 1, alpha)));
    }

    /** A key index in [0, n) whose popularity follows the rank, scattered over the key space. */
    public int nextKey(SplittableRandom rnd) {
        return (int) Math.floorMod(fnv1a64(nextRank(rnd)), (long) n);
    }

    private static long fnv1a64(long value) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < 8; i++) {
            hash ^= value & 0xFF;
            hash *= 0x100000001B3L;
            value >>>= 8;
        }
        return hash;
    }
}
