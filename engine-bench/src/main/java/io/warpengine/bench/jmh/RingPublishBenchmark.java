package io.warpengine.bench.jmh;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.warpengine.Durability;
import io.warpengine.EngineConfig;
import io.warpengine.PutResult;
import io.warpengine.WaitStrategyKind;
import io.warpengine.WarpEngine;
import io.warpengine.core.CommandSlot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cost of getting a command into the engine's ring.
 * <ul>
 *   <li>{@code publish}: a caller's claim, slot access and publish on a multi-producer Disruptor ring of the
 *       engine's slots and default size, drained by a no-op handler that waits with the engine's
 *       {@code phased} strategy or the Disruptor's {@code BlockingWaitStrategy}: what a publish costs the
 *       caller, the wake-up signal included, without the journal or the map.</li>
 *   <li>{@code enginePut*}: a synchronous {@link WarpEngine#put} round trip from 1 or 2 caller threads
 *       (16-byte keys, 100-byte values, {@code process} durability, automatic checkpoints off), journal and
 *       apply included. The engine runs in a temporary directory deleted after the trial.</li>
 *   <li>{@code engineGet1Thread}: a {@link WarpEngine#get} of a present key from one thread, for the read side's
 *       cost and allocation ({@code -prof gc}) beside the put's.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RingPublishBenchmark {

    /** The engine's default {@code ring.size}. */
    static final int RING_SIZE = 16384;
    /** Distinct keys the engine puts cycle through: few enough to stay cached, so the ring and journal dominate. */
    static final int ENGINE_KEYS = 1 << 16;
    static final int VALUE_BYTES = 100;

    /** A started ring with a no-op handler; one per trial. */
    @State(Scope.Benchmark)
    public static class Ring {
        @Param({"PHASED", "BLOCKING"})
        WaitStrategyKind waitStrategy;

        RingBuffer<CommandSlot> ring;
        private Disruptor<CommandSlot> disruptor;

        @Setup(Level.Trial)
        public void start() {
            disruptor = new Disruptor<>(CommandSlot::new, RING_SIZE, RingPublishBenchmark::daemon,
                    ProducerType.MULTI, waitStrategy.newWaitStrategy());
            disruptor.handleEventsWith(new NoOpHandler());
            ring = disruptor.start();
        }

        @TearDown(Level.Trial)
        public void stop() {
            disruptor.shutdown();
        }
    }

    /** An open engine in a fresh temporary directory; one per trial, shared by the caller threads. */
    @State(Scope.Benchmark)
    public static class Engine {
        WarpEngine engine;
        String[] keys;
        byte[] value;
        Path dir;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("warp-jmh-");
            // Checkpoints off: a snapshot thread competing for the two cores would measure the snapshot.
            engine = WarpEngine.open(EngineConfig.builder(dir).durability(Durability.PROCESS)
                    .checkpointEveryOperations(0).checkpointEverySeconds(0).checkpointOnClose(false).build());
            keys = new String[ENGINE_KEYS];
            for (int i = 0; i < ENGINE_KEYS; i++) {
                keys[i] = ShardStateBenchmark.key("key:", i);
            }
            value = new byte[VALUE_BYTES];
            for (String key : keys) {
                engine.put(key, value); // every key present, for the GETs
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            try {
                engine.close();
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** Each caller thread's own walk through the keys, starting apart from the others'. */
    @State(Scope.Thread)
    public static class Caller {
        private int next;

        @Setup(Level.Trial)
        public void start(ThreadParams thread) {
            next = thread.getThreadIndex() * (ENGINE_KEYS / thread.getThreadCount());
        }

        int step() {
            int i = next;
            next = (i + 1) & (ENGINE_KEYS - 1);
            return i;
        }
    }

    @Benchmark
    public long publish(Ring r, Blackhole bh) {
        RingBuffer<CommandSlot> ring = r.ring;
        long sequence = ring.next();
        bh.consume(ring.get(sequence));
        ring.publish(sequence);
        return sequence;
    }

    @Benchmark
    @Threads(1)
    public PutResult enginePut1Thread(Engine e, Caller c) {
        return e.engine.put(e.keys[c.step()], e.value);
    }

    @Benchmark
    @Threads(2)
    public PutResult enginePut2Threads(Engine e, Caller c) {
        return e.engine.put(e.keys[c.step()], e.value);
    }

    @Benchmark
    @Threads(1)
    public Optional<byte[]> engineGet1Thread(Engine e, Caller c) {
        return e.engine.get(e.keys[c.step()]);
    }

    private static final class NoOpHandler implements EventHandler<CommandSlot> {
        @Override
        public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
            // Consumes nothing: the benchmark measures the publisher's side of the ring.
        }
    }

    /** Daemon, so a trial that fails before its teardown cannot keep the forked JVM alive. */
    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "jmh-ring-handler");
        t.setDaemon(true);
        return t;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
