package io.warpengine.fault;

import io.warpengine.Batch;
import io.warpengine.BatchResult;
import io.warpengine.EngineConfig;
import io.warpengine.KeyMetadata;
import io.warpengine.PutOptions;
import io.warpengine.PutResult;
import io.warpengine.WarpEngine;
import io.warpengine.fault.RegisterHistory.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.warpengine.fault.RegisterHistory.ABSENT;
import static io.warpengine.fault.RegisterHistory.valueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 12, "Concurrency against a model": 64 threads mix every call of the public API (put, put with options,
 * putAsync, delete, deleteAsync, batch commit and commitAsync, get, getAsync, getWithMetadata, getAll) on 48
 * contended keys, while another thread takes checkpoints (and, with two writers, moves the logical shards of the keys
 * between them); the engine is closed and reopened between rounds, with two writers and one in turn. Every write
 * writes a value unique in the whole run (thread and counter, with the key it was written to), so a read names the
 * write it saw. Each call's invocation and response ({@code System.nanoTime()}; for an async call, when its future
 * completed) and result are recorded, and the history is checked by {@link RegisterHistory}: per key against a
 * register (a complete search), a batch as writes at one instant and a getAll as reads at one instant, and engine
 * sequences against real time. A round's load comes in segments that end when every call has completed, with a read
 * of every key; the state the checked history ends with is what the engine must hold after the reopen.
 *
 * <p>The check of the checker: the small tests at the end feed it histories it must reject (a stale read, a partial
 * batch, ...), and every segment's real history, with one read made stale, must be rejected too.
 *
 * <p>The defaults (4 rounds of 0.5 s of load) take a few seconds; {@code -Dwarp.linearizability.seconds=N} (load per
 * round, may be fractional) and {@code -Dwarp.linearizability.rounds=N} run longer, and
 * {@code -Dwarp.linearizability.seed=N} repeats a run's random choices (not its thread interleaving). A failure names
 * the seed, the round and segment, the keys and the calls.
 */
class LinearizabilityTest {

    private static final int THREADS = 64;
    private static final int KEYS = 48;
    /**
     * A round's load comes in segments of at most this many calls per thread, each checked on its own (the callers
     * stop, every call completes, a read of every key closes the segment's history and starts the next one's), so
     * that a long round keeps its history, and the time its check takes, bounded.
     */
    private static final int SEGMENT_CALLS_PER_THREAD = 2_000;
    /** Async calls a thread leaves in flight while it goes on with others. */
    private static final int MAX_IN_FLIGHT = 4;
    /** The checkpoint thread takes one checkpoint per this many calls of the workers. */
    private static final int CALLS_PER_CHECKPOINT = 3_000;
    private static final long TIMEOUT_SECONDS = 120;

    private static final PutOptions[] OPTIONS = {
            PutOptions.DEFAULT,
            new PutOptions(PutOptions.AccessPattern.HOT, PutOptions.Priority.CRITICAL),
            new PutOptions(PutOptions.AccessPattern.COLD, PutOptions.Priority.BACKGROUND),
    };

    @TempDir
    Path dir;

    @Test
    void sixtyFourCallersMixingEveryCallStayLinearizableAcrossCheckpointsAndReopens() throws Exception {
        double seconds = Double.parseDouble(property("warp.linearizability.seconds", "0.5"));
        int rounds = Integer.parseInt(property("warp.linearizability.rounds", "4"));
        long seed = Long.parseLong(property("warp.linearizability.seed", Long.toString(System.nanoTime())));
        String replay = "seed " + seed + " (repeat its random choices with -Dwarp.linearizability.seed=" + seed + ")";
        System.out.printf("LinearizabilityTest: %s; %d rounds of %.2f s, %d threads, %d keys%n", replay, rounds, seconds,
                THREADS, KEYS);
        long testStarted = System.nanoTime();
        Random random = new Random(seed);
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add(String.format("k%02d", k));
        }
        Map<String, long[]> state = new TreeMap<>(); // key -> {value id, sequence of its write}; absent keys left out
        int[] counters = new int[THREADS];           // per thread, across rounds: values stay unique
        long lastSequence = 0;
        long calls = 0;
        int staleReadsRejected = 0;
        List<String> segmentNames = new ArrayList<>();
        List<int[]> countersBefore = new ArrayList<>(); // per segment, each thread's counter when it started
        for (int round = 0; round < rounds; round++) {
            int shards = round % 2 == 0 ? 2 : 1;
            boolean checkpointOnClose = random.nextBoolean();
            long roundSeed = random.nextLong();
            String roundContext = replay + ", round " + round + " (" + shards + " writer(s), checkpoint on close: "
                    + checkpointOnClose + ")";
            EngineConfig config = EngineConfig.builder(dir).shards(shards).checkpointOnClose(checkpointOnClose).build();
            try (WarpEngine engine = WarpEngine.open(config)) {
                assertStateIs(engine, keys, state, round == 0 ? -1 : lastSequence, roundContext + ", on reopening");
                long loadLeft = (long) (seconds * 1e9); // the time checks take does not count
                int segment = 0;
                do {
                    String context = roundContext + ", segment " + segment;
                    long segmentSeed = roundSeed + segment * 0x9E3779B97F4A7C15L;
                    Segment load = new Segment(engine, keys, shards, segmentSeed, counters, loadLeft);
                    segmentNames.add("round " + round + ", segment " + segment);
                    countersBefore.add(counters.clone());
                    long started = System.nanoTime();
                    Map<String, long[]> before = state;
                    RegisterHistory history;
                    try {
                        history = load.run(before)
                                .provenance(id -> provenance(id, segmentNames, countersBefore, counters, before));
                    } catch (Exception e) {
                        throw new AssertionError(context + ": the load failed (" + e + "); calls that failed: "
                                + load.errors.stream().limit(10).toList(), e);
                    }
                    long ran = System.nanoTime() - started;
                    loadLeft -= ran;
                    if (!load.errors.isEmpty()) {
                        fail(context + ": " + load.errors.size() + " call(s) failed or returned what nobody wrote, e.g.\n"
                                + "    " + String.join("\n    ", load.errors.stream().limit(10).toList()));
                    }
                    List<String> failures = history.check();
                    long checked = System.nanoTime() - started - ran;
                    if (!failures.isEmpty()) {
                        fail(context + ": the history of " + history.size() + " calls is not linearizable:\n"
                                + String.join("\n", failures));
                    }
                    staleReadsRejected += sabotage(history, keys, new Random(segmentSeed), context);
                    System.out.printf("round %d segment %d: %d writer(s), %,d calls (%s), %d checkpoints, %d shard"
                                    + " moves, ran %d ms, checked in %d ms%n", round, segment, shards, history.size(),
                            load.mix(), load.checkpoints.get(), load.moves.get(), ran / 1_000_000, checked / 1_000_000);
                    calls += history.size();
                    state = load.finalState;
                    segment++;
                } while (loadLeft > 0);
                lastSequence = engine.stats().lastSequence();
            }
        }
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            assertStateIs(engine, keys, state, lastSequence, replay + ", after the last round");
        }
        System.out.printf("LinearizabilityTest: %,d calls in %d rounds checked, %d histories made stale and rejected,"
                + " %d ms%n", calls, rounds, staleReadsRejected, (System.nanoTime() - testStarted) / 1_000_000);
        assertTrue(staleReadsRejected > 0, replay + ": no history had a read to make stale, so the check of the"
                + " checker did not run");
    }

    /** Which segment wrote {@code id} (a thread's counter only grows), and whether the last one ended with it. */
    private static String provenance(long id, List<String> segmentNames, List<int[]> countersBefore, int[] counters,
                                     Map<String, long[]> stateBefore) {
        int thread = (int) (id >>> 32) - 1;
        long n = id & 0xffffffffL;
        if (thread < 0 || thread >= THREADS) {
            return "never written by this test";
        }
        int segment = countersBefore.size() - 1;
        while (segment >= 0 && countersBefore.get(segment)[thread] >= n) {
            segment--;
        }
        if (segment < 0 || n > counters[thread]) {
            return "never written by this test";
        }
        String ended = stateBefore.entrySet().stream().filter(e -> e.getValue()[0] == id).map(Map.Entry::getKey)
                .findFirst().map(k -> ", and the segment before this one ended with it in " + k)
                .orElse(", and not in the state the segment before this one ended with");
        return "written in " + segmentNames.get(segment) + ended;
    }

    /**
     * The check must be able to fail on a real history: the same history with one read made stale must be rejected.
     * Returns how many such sabotaged histories were tried (and rejected).
     */
    private static int sabotage(RegisterHistory history, List<String> keys, Random random, String context) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String key = keys.get(random.nextInt(keys.size()));
            RegisterHistory mutant = history.withAStaleRead(key);
            if (mutant != null) {
                List<String> failures = mutant.checkRegisters(List.of(key));
                assertTrue(failures.stream().anyMatch(f -> f.contains("key " + key)),
                        context + ": the checker accepted the history with a stale read of " + key);
                return 1;
            }
        }
        return 0;
    }

    /** The engine holds exactly {@code state}: values, the sequences of their writes, and nothing else. */
    private static void assertStateIs(WarpEngine engine, List<String> keys, Map<String, long[]> state,
                                      long lastSequence, String context) {
        for (String key : keys) {
            long[] expected = state.get(key);
            Optional<KeyMetadata> read = engine.getWithMetadata(key);
            Optional<byte[]> plain = engine.get(key);
            if (expected == null) {
                assertTrue(read.isEmpty() && plain.isEmpty(), context + ": " + key + " holds "
                        + read.map(m -> valueName(idIn(m.value()))).orElse("?")
                        + ", but the linearized history left it absent");
                continue;
            }
            assertTrue(read.isPresent() && plain.isPresent(), context + ": " + key
                    + " is absent, but the linearized history left it holding " + valueName(expected[0]));
            assertEquals(valueName(expected[0]), valueName(idIn(read.get().value())), context + ": " + key
                    + " after the reopen (getWithMetadata)");
            assertEquals(valueName(expected[0]), valueName(idIn(plain.get())), context + ": " + key
                    + " after the reopen (get)");
            assertEquals(expected[1], read.get().sequence(), context + ": the sequence of " + key + "'s last write");
        }
        assertEquals(state.size(), engine.stats().keyCount(), context + ": keys held");
        if (lastSequence >= 0) {
            assertEquals(lastSequence, engine.recovery().lastSequence(), context + ": the last sequence recovered");
        }
    }

    /**
     * One segment of a round: 64 callers (each until the segment's time is up or it made
     * {@link #SEGMENT_CALLS_PER_THREAD} calls) and a checkpointing thread, then a quiescent read of every key.
     */
    private static final class Segment {
        final WarpEngine engine;
        final List<String> keys;
        final int shards;
        final long seed;
        final int[] counters;
        final Queue<String> errors = new ConcurrentLinkedQueue<>();
        final AtomicLong calls = new AtomicLong();
        final Semaphore checkpointTickets = new Semaphore(0);
        final AtomicBoolean over = new AtomicBoolean();
        final AtomicInteger checkpoints = new AtomicInteger();
        final AtomicInteger moves = new AtomicInteger();
        final Map<String, AtomicInteger> kinds = new TreeMap<>();
        final long nanos;
        Map<String, long[]> finalState;

        /** @param nanos how long the callers may run, at most (they stop sooner at their number of calls) */
        Segment(WarpEngine engine, List<String> keys, int shards, long seed, int[] counters, long nanos) {
            this.engine = engine;
            this.keys = keys;
            this.shards = shards;
            this.seed = seed;
            this.counters = counters;
            this.nanos = nanos;
            for (String kind : List.of("put", "putAsync", "delete", "deleteAsync", "batch", "get", "getAll")) {
                kinds.put(kind, new AtomicInteger());
            }
        }

        String mix() {
            return kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }

        RegisterHistory run(Map<String, long[]> before) throws Exception {
            RegisterHistory history = new RegisterHistory();
            before.forEach((key, v) -> history.initial(key, v[0], v[1]));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                CountDownLatch ready = new CountDownLatch(THREADS + 1);
                CountDownLatch start = new CountDownLatch(1);
                long[] deadline = new long[1];
                List<Future<List<Call>>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Caller caller = new Caller(this, t, new Random(seed + t * 0x9E3779B97F4A7C15L));
                    workers.add(pool.submit(() -> {
                        ready.countDown();
                        start.await();
                        return caller.run(deadline[0]);
                    }));
                }
                Future<?> checkpointer = pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    checkpointWhileCallersRun(new Random(seed ^ 0x5DEECE66DL));
                    return null;
                });
                assertTrue(ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "threads did not start");
                deadline[0] = System.nanoTime() + nanos; // the latch publishes it to the callers
                start.countDown();
                for (Future<List<Call>> w : workers) {
                    history.addAll(w.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                }
                over.set(true);
                checkpointTickets.release(); // wakes the checkpointer to see it
                checkpointer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            // Quiescent: every call above has returned. One getAll of every key and one getWithMetadata per key
            // close the history; the state they read (checked with it) is where the next segment starts, and what
            // the engine must hold after a reopen.
            Call all = new Call("final getAll", System.nanoTime());
            Map<String, byte[]> values = engine.getAll(keys);
            all.returned(System.nanoTime());
            for (String key : keys) {
                all.read(key, id(key, values.get(key), all));
            }
            history.add(all);
            finalState = new TreeMap<>();
            for (String key : keys) {
                Call c = new Call("final getWithMetadata", System.nanoTime());
                Optional<KeyMetadata> m = engine.getWithMetadata(key);
                c.returned(System.nanoTime());
                long id = id(key, m.map(KeyMetadata::value).orElse(null), c);
                c.read(key, id, m.map(KeyMetadata::sequence).orElse(0L));
                history.add(c);
                if (id != ABSENT) {
                    finalState.put(key, new long[]{id, m.get().sequence()});
                }
            }
            return history;
        }

        /** A checkpoint per {@link #CALLS_PER_CHECKPOINT} calls; with two writers, also moves keys between them. */
        private void checkpointWhileCallersRun(Random random) {
            try {
                while (true) {
                    checkpointTickets.acquire();
                    if (over.get()) {
                        return;
                    }
                    engine.checkpoint();
                    checkpoints.incrementAndGet();
                    if (shards > 1 && random.nextBoolean()) {
                        String key = keys.get(random.nextInt(keys.size()));
                        engine.placeShard(engine.logicalShardOf(key), random.nextInt(shards));
                        moves.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                errors.add("checkpoint thread: " + e);
            }
        }

        /** The id in {@code value} (ABSENT for none), after checking the value was written to this key. */
        long id(String key, byte[] value, Call call) {
            if (value == null) {
                return ABSENT;
            }
            long id = idIn(value);
            String writtenTo = new String(value, 8, value.length - 8, StandardCharsets.UTF_8);
            if (!writtenTo.equals(key)) {
                errors.add(call.label + " read " + key + " and got " + valueName(id) + ", a value written to "
                        + writtenTo);
            }
            return id;
        }
    }

    /** One of the 64 callers: random calls until the deadline, recording each. */
    private static final class Caller {
        final Segment segment;
        final WarpEngine engine;
        final int thread;
        final Random random;
        final List<Call> calls = new ArrayList<>();
        final Deque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
        final Map<String, String> labels = new HashMap<>();

        Caller(Segment segment, int thread, Random random) {
            this.segment = segment;
            this.engine = segment.engine;
            this.thread = thread;
            this.random = random;
        }

        List<Call> run(long deadline) {
            while (System.nanoTime() < deadline && calls.size() < SEGMENT_CALLS_PER_THREAD) {
                try {
                    one();
                } catch (RuntimeException e) {
                    segment.errors.add("t" + thread + ": " + e);
                    break;
                }
                if (segment.calls.incrementAndGet() % CALLS_PER_CHECKPOINT == 0) {
                    segment.checkpointTickets.release();
                }
            }
            try {
                while (!inFlight.isEmpty()) {
                    await(inFlight.poll());
                }
            } catch (RuntimeException e) {
                segment.errors.add("t" + thread + ": " + e);
            }
            return calls;
        }

        private void one() {
            int dice = random.nextInt(100);
            String key = key();
            if (dice < 13) {
                long id = nextId();
                byte[] value = bytes(key, id);
                boolean withOptions = dice >= 10;
                Call c = new Call(label(withOptions ? "put(options)" : "put"), System.nanoTime()).write(key, id);
                PutResult r = withOptions ? engine.put(key, value, OPTIONS[random.nextInt(OPTIONS.length)])
                        : engine.put(key, value);
                c.returned(System.nanoTime()).sequence(r.sequence());
                done(c, "put");
            } else if (dice < 22) {
                long id = nextId();
                byte[] value = bytes(key, id);
                Call c = new Call(label("putAsync"), System.nanoTime()).write(key, id);
                CompletableFuture<PutResult> f = engine.putAsync(key, value);
                track(c, "putAsync", f.whenComplete((r, e) -> {
                    long t = System.nanoTime();
                    if (r != null) {
                        c.sequence(r.sequence());
                    }
                    c.returned(t);
                }));
            } else if (dice < 28) {
                Call c = new Call(label("delete"), System.nanoTime()).delete(key);
                boolean existed = engine.delete(key);
                c.returned(System.nanoTime()).deleted(key, existed);
                done(c, "delete");
            } else if (dice < 33) {
                Call c = new Call(label("deleteAsync"), System.nanoTime()).delete(key);
                CompletableFuture<Boolean> f = engine.deleteAsync(key);
                track(c, "deleteAsync", f.whenComplete((existed, e) -> {
                    long t = System.nanoTime();
                    if (existed != null) {
                        c.deleted(key, existed);
                    }
                    c.returned(t);
                }));
            } else if (dice < 45) {
                batch(dice < 40);
            } else if (dice < 63) {
                Call c = new Call(label("get"), System.nanoTime());
                Optional<byte[]> v = engine.get(key);
                c.returned(System.nanoTime()).read(key, segment.id(key, v.orElse(null), c));
                done(c, "get");
            } else if (dice < 70) {
                Call c = new Call(label("getAsync"), System.nanoTime());
                CompletableFuture<Optional<byte[]>> f = engine.getAsync(key);
                track(c, "get", f.whenComplete((v, e) -> {
                    long t = System.nanoTime();
                    if (v != null) {
                        c.read(key, segment.id(key, v.orElse(null), c));
                    }
                    c.returned(t);
                }));
            } else if (dice < 76) {
                Call c = new Call(label("getWithMetadata"), System.nanoTime());
                Optional<KeyMetadata> m = engine.getWithMetadata(key);
                c.returned(System.nanoTime()).read(key, segment.id(key, m.map(KeyMetadata::value).orElse(null), c),
                        m.map(KeyMetadata::sequence).orElse(0L));
                done(c, "get");
            } else {
                Set<String> wanted = new LinkedHashSet<>();
                int n = 2 + random.nextInt(7);
                while (wanted.size() < n) {
                    wanted.add(key());
                }
                List<String> asked = List.copyOf(wanted);
                Call c = new Call(label("getAll"), System.nanoTime());
                Map<String, byte[]> read = engine.getAll(asked);
                c.returned(System.nanoTime());
                for (String k : asked) {
                    c.read(k, segment.id(k, read.get(k), c));
                }
                if (!wanted.containsAll(read.keySet())) {
                    segment.errors.add(c.label + " of " + asked + " returned keys " + read.keySet());
                }
                done(c, "getAll");
            }
        }

        /**
         * 1-5 writes, a quarter of them deletes; keys may repeat (the last write of a key wins), and in a quarter of
         * the batches the last write is to a key the batch already wrote.
         */
        private void batch(boolean sync) {
            Batch batch = engine.batch();
            int writes = 1 + random.nextInt(5);
            boolean repeat = writes > 1 && random.nextInt(4) == 0;
            List<Object[]> added = new ArrayList<>();
            for (int w = 0; w < writes; w++) {
                String key = repeat && w == writes - 1 ? (String) added.get(random.nextInt(w))[0] : key();
                if (random.nextInt(4) == 0) {
                    batch.delete(key);
                    added.add(new Object[]{key, ABSENT});
                } else {
                    long id = nextId();
                    batch.put(key, bytes(key, id));
                    added.add(new Object[]{key, id});
                }
            }
            Call c = new Call(label(sync ? "batch.commit" : "batch.commitAsync"), System.nanoTime());
            for (Object[] w : added) {
                long id = (Long) w[1];
                if (id == ABSENT) {
                    c.delete((String) w[0]);
                } else {
                    c.write((String) w[0], id);
                }
            }
            if (sync) {
                BatchResult r = batch.commit();
                c.returned(System.nanoTime()).sequence(r.sequence());
                done(c, "batch");
            } else {
                CompletableFuture<BatchResult> f = batch.commitAsync();
                track(c, "batch", f.whenComplete((r, e) -> {
                    long t = System.nanoTime();
                    if (r != null) {
                        c.sequence(r.sequence());
                    }
                    c.returned(t);
                }));
            }
        }

        /** "t12 putAsync": one string per thread and kind, shared by its calls. */
        private String label(String kind) {
            return labels.computeIfAbsent(kind, k -> "t" + thread + " " + k);
        }

        private void done(Call c, String kind) {
            calls.add(c);
            segment.kinds.get(kind).incrementAndGet();
        }

        /** Records an async call; half the time waits for it at once, else leaves it in flight (up to a few). */
        private void track(Call c, String kind, CompletableFuture<?> completion) {
            done(c, kind);
            completion.whenComplete((r, e) -> {
                if (e != null) {
                    segment.errors.add(c.label + " failed: " + e);
                }
            });
            if (random.nextBoolean()) {
                await(completion);
            } else {
                inFlight.add(completion);
                while (inFlight.size() > MAX_IN_FLIGHT) {
                    await(inFlight.poll());
                }
            }
        }

        private void await(CompletableFuture<?> f) {
            try {
                f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // recorded by track
            } catch (TimeoutException e) {
                throw new IllegalStateException("an async call did not complete in " + TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private String key() {
            return segment.keys.get(random.nextInt(segment.keys.size()));
        }

        private long nextId() {
            return ((long) (thread + 1) << 32) | ++segment.counters[thread];
        }
    }

    private static byte[] bytes(String key, long id) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + k.length).putLong(id).put(k).array();
    }

    private static long idIn(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    private static String property(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    // ------------------------------------------------------------------------------ the checker's own tests

    private static long v(int thread, int n) {
        return ((long) (thread + 1) << 32) | n;
    }

    private static Call call(String label, long invoked, long returned) {
        return new Call(label, invoked).returned(returned);
    }

    private static void assertRejected(RegisterHistory h, String... mentions) {
        List<String> failures = h.check();
        assertTrue(!failures.isEmpty(), "the checker accepted a history it must reject");
        String all = String.join("\n", failures);
        System.out.println("rejected as it must be:\n" + all);
        for (String m : mentions) {
            assertTrue(all.contains(m), "the failure should mention '" + m + "':\n" + all);
        }
    }

    @Test
    void checkerAcceptsOverlappingCallsInAnyOrderThatFits() {
        RegisterHistory h = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 put", 5, 30).write("a", v(1, 1)))
                .add(call("t2 get", 12, 14).read("a", v(0, 1)))   // t0's put took effect first, then t1's,
                .add(call("t3 get", 20, 40).read("a", v(1, 1)))   // though t1's was invoked first
                .add(call("t4 delete", 35, 50).deleted("a", true))
                .add(call("t5 getAll", 45, 60).read("a", ABSENT).read("b", v(6, 1)))
                .add(call("t6 batch", 41, 55).write("b", v(6, 1)).delete("a"))
                .add(call("t7 delete", 70, 80).deleted("a", false))
                .add(call("t8 getAll", 50, 65).read("a", ABSENT).read("b", v(6, 1)));
        assertEquals(List.of(), h.check());
    }

    @Test
    void checkerRejectsAStaleRead() {
        RegisterHistory fresh = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 put", 20, 30).write("a", v(1, 1)))
                .add(call("t2 get", 25, 50).read("a", v(0, 1))); // overlaps t1's put: may precede it
        assertEquals(List.of(), fresh.check());
        RegisterHistory stale = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 put", 20, 30).write("a", v(1, 1)))
                .add(call("t2 get", 40, 50).read("a", v(0, 1))); // t1's put returned before it started
        assertRejected(stale, "key a", "t2 get", "t0#1");
        RegisterHistory deleted = new RegisterHistory().initial("a", v(0, 1), 7)
                .add(call("t1 delete", 20, 30).deleted("a", true))
                .add(call("t2 getAsync", 40, 50).read("a", v(0, 1)));
        assertRejected(deleted, "key a", "t2 getAsync");
        RegisterHistory misreported = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 delete", 20, 30).deleted("a", false)); // a existed
        assertRejected(misreported, "key a", "t1 delete");
    }

    @Test
    void checkerRejectsAPartialBatch() {
        // The getAll overlaps the batch, so each key alone may be read before or after it; but not a before and b after.
        RegisterHistory whole = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 batch.commit", 20, 30).write("a", v(1, 1)).write("b", v(1, 2)))
                .add(call("t2 getAll", 25, 40).read("a", v(1, 1)).read("b", v(1, 2)))
                .add(call("t3 getAll", 25, 40).read("a", v(0, 1)).read("b", ABSENT));
        assertEquals(List.of(), whole.check());
        RegisterHistory partial = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 batch.commit", 20, 30).write("a", v(1, 1)).write("b", v(1, 2)))
                .add(call("t2 getAll", 25, 40).read("a", v(0, 1)).read("b", v(1, 2)));
        assertRejected(partial, "partial batch", "t2 getAll", "t1 batch.commit", "t0#1");
        RegisterHistory partialDelete = new RegisterHistory().initial("b", v(0, 2), 1)
                .add(call("t1 batch.commitAsync", 20, 30).write("a", v(1, 1)).delete("b"))
                .add(call("t2 getAll", 25, 40).read("a", v(1, 1)).read("b", v(0, 2)));
        assertRejected(partialDelete, "partial batch", "t2 getAll");
        // Two plain gets in sequence: the first saw the batch's b, so the batch took effect before the second began.
        RegisterHistory twoGets = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 batch.commit", 20, 60).write("a", v(1, 1)).write("b", v(1, 2)))
                .add(call("t2 get", 25, 30).read("b", v(1, 2)))
                .add(call("t3 get", 35, 40).read("a", v(0, 1)));
        assertRejected(twoGets, "key a", "t3 get", "t2 get");
        // A batch that writes a key twice: only the last write may ever be seen.
        RegisterHistory overwritten = new RegisterHistory()
                .add(call("t1 batch.commitAsync", 20, 30).write("a", v(1, 1)).write("a", v(1, 2)))
                .add(call("t2 get", 22, 28).read("a", v(1, 1)));
        assertRejected(overwritten, "key a", "overwrote in the same call", "t1#1");
    }

    @Test
    void checkerRejectsAGetAllThatMixesTwoInstants() {
        // a's put took effect before b's was invoked: a getAll that saw b's must see a's too.
        RegisterHistory h = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 put", 20, 30).write("b", v(1, 1)))
                .add(call("t2 getAll", 5, 40).read("a", ABSENT).read("b", v(1, 1)));
        assertRejected(h, "key a", "t2 getAll", "placed within", "t1 put");
    }

    @Test
    void checkerRejectsSequencesThatContradictRealTime() {
        RegisterHistory h = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)).sequence(5))
                .add(call("t1 put", 20, 30).write("b", v(1, 1)).sequence(4))
                .add(call("t2 getWithMetadata", 40, 50).read("a", v(0, 1), 6));
        assertRejected(h, "sequence 4", "sequence 6");
    }

    @Test
    void aStaleReadMadeFromARealHistoryIsRejected() {
        RegisterHistory h = new RegisterHistory()
                .add(call("t0 put", 0, 10).write("a", v(0, 1)))
                .add(call("t1 put", 20, 30).write("a", v(1, 1)))
                .add(call("t2 get", 40, 50).read("a", v(1, 1)));
        assertEquals(List.of(), h.check());
        RegisterHistory mutant = h.withAStaleRead("a");
        assertNotNull(mutant);
        assertRejected(mutant, "key a", "t0#1");
        assertEquals(List.of(), h.check(), "the original is left as it was");
    }
}
