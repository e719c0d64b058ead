package io.warpengine.bench.jmh;

import io.warpengine.core.MapShardStore;
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
 * A shard writer's map operations on a {@link MapShardStore} (the shard store) loaded with {@code keys} keys of 16 bytes and
 * 100-byte values: 10K keys stay in the CPU caches, 1M do not.
 *
 * <p>Keys are built in the trial's setup, in a precomputed random order, so the measured code only steps an
 * index; lookups use key instances equal to, but not the same as, the stored ones, as callers' keys are.
 * {@code putInsert} and {@code remove} change the key count, so they run as single-shot batches of
 * {@value #BATCH} calls (JMH's recipe for operations without a steady state); each iteration's setup undoes
 * the previous batch outside the measurement, and the next batch takes the next slice of keys, whose buckets
 * that setup did not just bring into the cache. Their score is per call. They warm up for 300 batches: JMH's
 * batch loop is entered once per batch, so it reaches C2 only after some 10^5 calls (with 50 batches it still
 * ran in C1 and added ~100 ns per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShardStateBenchmark {

    /** Calls per single-shot iteration of putInsert and remove: a tenth of the smaller shard. */
    static final int BATCH = 1_000;
    static final int VALUE_BYTES = 100;
    private static final int VALUE_POOL = 1024;

    /** The loaded shard and every key the benchmarks use, built once per trial. */
    @State(Scope.Thread)
    public static class Loaded {
        @Param({"10000", "1000000"})
        int keys;

        MapShardStore shard;
        /** The stored key instances, in random order: remove's batches put them back. */
        String[] stored;
        /** Copies of the stored keys, in the same order. */
        String[] hits;
        /** As many absent keys, in random order. */
        String[] misses;
        /** As many keys again, absent until putInsert adds them. */
        String[] fresh;
        /** Values for overwrites, so an overwrite stores a different array than the load did. */
        byte[][] values;
        private int next;

        @Setup(Level.Trial)
        public void load() {
            if (keys % BATCH != 0) {
                throw new IllegalArgumentException("keys must be a multiple of " + BATCH + ", was " + keys);
            }
            int[] order = permutation(keys, new SplittableRandom(42));
            shard = new MapShardStore(keys + BATCH);
            stored = new String[keys];
            hits = new String[keys];
            misses = new String[keys];
            fresh = new String[keys];
            // Allocated in access order, so stepping through them streams memory instead of missing the cache.
            for (int i = 0; i < keys; i++) {
                stored[i] = key("key:", order[i]);
                shard.put(stored[i], new byte[VALUE_BYTES]);
                hits[i] = key("key:", order[i]);
                misses[i] = key("mis:", order[i]);
                fresh[i] = key("new:", order[i]);
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

    /**
     * The loaded shard plus the slice of {@value #BATCH} keys the current batch works on. It extends
     * {@link Loaded} rather than depending on it, because JMH 1.37 gives a state's fixture its own instance
     * of a thread-scoped dependency, not the benchmark method's.
     */
    abstract static class Batched extends Loaded {
        int start;
        int used;

        /** Moves to the next slice (wrapping), to be called once the previous batch is undone. */
        void advance() {
            start = (start + BATCH) % keys;
            used = 0;
        }

        /** The index of the batch's next key. */
        int take() {
            // More calls than the slice holds (a timed mode, or a larger batch) would measure something else.
            if (used == BATCH) {
                throw new IllegalStateException("putInsert and remove run as single-shot batches of at most " + BATCH
                        + " calls; do not override their mode (-bm) or raise their batch size (-bs)");
            }
            return start + used++;
        }
    }

    /** putInsert's state: each batch adds a slice of {@link #fresh}; the next iteration's setup removes it. */
    @State(Scope.Thread)
    public static class InsertBatches extends Batched {
        @Setup(Level.Iteration)
        public void removeInserted() {
            for (int i = start; i < start + used; i++) {
                shard.remove(fresh[i]);
            }
            advance();
        }
    }

    /** remove's state: each batch removes a slice of the stored keys; the next iteration's setup puts it back. */
    @State(Scope.Thread)
    public static class RemoveBatches extends Batched {
        @Setup(Level.Iteration)
        public void putBackRemoved() {
            for (int i = start; i < start + used; i++) {
                shard.put(stored[i], values[i % VALUE_POOL]);
            }
            advance();
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
    @Warmup(iterations = 300, batchSize = BATCH)
    @Measurement(iterations = 100, batchSize = BATCH)
    @OperationsPerInvocation(BATCH)
    public boolean putInsert(InsertBatches s) {
        int i = s.take();
        return s.shard.put(s.fresh[i], s.values[i % VALUE_POOL]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 300, batchSize = BATCH)
    @Measurement(iterations = 100, batchSize = BATCH)
    @OperationsPerInvocation(BATCH)
    public boolean remove(RemoveBatches s) {
        return s.shard.remove(s.hits[s.take()]);
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
