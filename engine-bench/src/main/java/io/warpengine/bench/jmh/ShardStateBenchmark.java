package io.warpengine.bench.jmh;

import io.warpengine.core.ShardState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A shard writer's map operations on a {@link ShardState} loaded with {@code keys} keys of 16 bytes and
 * 100-byte values: 10K keys stay in the CPU caches, 1M do not.
 *
 * <p>Lookups use key instances equal to, but not the same as, the stored ones (as callers' keys are), laid out
 * in a precomputed random order so the measured loop only steps an index. {@code putInsert} and {@code remove}
 * change the key count, so they run as single-shot batches of {@value #BATCH} calls (JMH's recipe for
 * operations without a steady state) and each iteration's setup restores the map outside the measurement;
 * their score is per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShardStateBenchmark {

    /** Calls per single-shot iteration of putInsert and remove; also the number of fresh keys. */
    static final int BATCH = 5_000;
    static final int VALUE_BYTES = 100;
    private static final int VALUE_POOL = 1024;

    /** The loaded shard and every key the benchmarks use, built once per trial. */
    @State(Scope.Thread)
    public static class Loaded {
        @Param({"10000", "1000000"})
        int keys;

        ShardState shard;
        /** Copies of stored keys, in random order. */
        String[] hits;
        /** Absent keys, in the same random order. */
        String[] misses;
        /** Keys not loaded, as put by putInsert and the restore of remove. */
        String[] fresh;
        /** Copies of {@link #fresh}, as remove gets them. */
        String[] freshCopies;
        /** Values for overwrites, so an overwrite stores a different array than the load did. */
        byte[][] values;
        private int next;

        @Setup(Level.Trial)
        public void load() {
            shard = new ShardState(keys + BATCH);
            for (int i = 0; i < keys; i++) {
                shard.put(key("key:", i), new byte[VALUE_BYTES]);
            }
            int[] order = permutation(keys, new SplittableRandom(42));
            hits = new String[keys];
            misses = new String[keys];
            // Allocated in access order, so stepping through them streams memory instead of missing the cache.
            for (int i = 0; i < keys; i++) {
                hits[i] = key("key:", order[i]);
                misses[i] = key("mis:", order[i]);
            }
            fresh = new String[BATCH];
            freshCopies = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                fresh[i] = key("new:", i);
                freshCopies[i] = key("new:", i);
            }
            values = new byte[VALUE_POOL][VALUE_BYTES];
        }

        /** The next position in the random order, wrapping. */
        int step() {
            int i = next;
            next = i + 1 == keys ? 0 : i + 1;
            return i;
        }
    }

    /** How many fresh keys this iteration's batch has used. */
    abstract static class FreshKeys {
        int used;

        /** The index of the next fresh key. */
        int take() {
            // More calls than fresh keys (a timed mode, or a larger batch) would measure something else.
            if (used == BATCH) {
                throw new IllegalStateException("putInsert and remove run as single-shot batches of at most " + BATCH
                        + " calls; do not override their mode (-bm) or raise their batch size (-bs)");
            }
            return used++;
        }
    }

    /** The fresh keys, absent at the start of each iteration: putInsert adds them one per call. */
    @State(Scope.Thread)
    public static class FreshAbsent extends FreshKeys {
        @Setup(Level.Iteration)
        public void removeInserted(Loaded loaded) {
            for (int i = 0; i < used; i++) {
                loaded.shard.remove(loaded.fresh[i]);
            }
            used = 0;
        }
    }

    /** The fresh keys, present at the start of each iteration: remove takes them out one per call. */
    @State(Scope.Thread)
    public static class FreshPresent extends FreshKeys {
        public FreshPresent() {
            used = BATCH; // none inserted yet: the first setup puts them all
        }

        @Setup(Level.Iteration)
        public void putBackRemoved(Loaded loaded) {
            for (int i = 0; i < used; i++) {
                loaded.shard.put(loaded.fresh[i], loaded.values[i % VALUE_POOL]);
            }
            used = 0;
        }
    }

    @Benchmark
    public byte[] getHit(Loaded s) {
        return s.shard.get(s.hits[s.step()]);
    }

    @Benchmark
    public byte[] getMiss(Loaded s) {
        return s.shard.get(s.misses[s.step()]);
    }

    @Benchmark
    public boolean putOverwrite(Loaded s) {
        int i = s.step();
        return s.shard.put(s.hits[i], s.values[i % VALUE_POOL]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 20, batchSize = BATCH)
    @Measurement(iterations = 40, batchSize = BATCH)
    @OperationsPerInvocation(BATCH)
    public boolean putInsert(Loaded s, FreshAbsent f) {
        int i = f.take();
        return s.shard.put(s.fresh[i], s.values[i % VALUE_POOL]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 20, batchSize = BATCH)
    @Measurement(iterations = 40, batchSize = BATCH)
    @OperationsPerInvocation(BATCH)
    public boolean remove(Loaded s, FreshPresent f) {
        return s.shard.remove(s.freshCopies[f.take()]);
    }

    /** A 16-character key: the 4-character prefix, then {@code i} zero-padded to 12 digits. */
    static String key(String prefix, int i) {
        String digits = Integer.toString(i);
        return prefix + "0".repeat(12 - digits.length()) + digits;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
