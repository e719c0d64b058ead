package io.warpengine.bench.jmh;

import io.warpengine.journal.EntryCodec;
import io.warpengine.journal.JournalEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The journal thread's per-entry codec work: encoding a PUT (16-byte key, 100-byte value) or a DELETE frame
 * into the codec's reusable buffer, and decoding one as replay does, CRC32C included both ways.
 *
 * <p>Every input is a field of the thread's state, and the sequence changes on each encode, so the JIT can
 * neither fold the frame nor its CRC; the results go to JMH's blackhole by being returned.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EntryCodecBenchmark {

    static final int KEY_BYTES = 16;
    static final int VALUE_BYTES = 100;

    private final EntryCodec codec = new EntryCodec();
    private byte[] key;
    private byte[] value;
    private long sequence;
    private long timestampMicros;
    private byte[] putFrame;
    private byte[] deleteFrame;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        key = "user:%011d".formatted(random.nextLong(100_000_000_000L)).getBytes(StandardCharsets.UTF_8);
        value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        sequence = 1;
        timestampMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        putFrame = copy(codec.encodePut(sequence, timestampMicros, key, value));
        deleteFrame = copy(codec.encodeDelete(sequence, timestampMicros, key));
    }

    @Benchmark
    public ByteBuffer encodePut() {
        return codec.encodePut(++sequence, timestampMicros, key, value);
    }

    @Benchmark
    public ByteBuffer encodeDelete() {
        return codec.encodeDelete(++sequence, timestampMicros, key);
    }

    @Benchmark
    public JournalEntry decodePut() {
        return codec.decode(putFrame, putFrame.length);
    }

    @Benchmark
    public JournalEntry decodeDelete() {
        return codec.decode(deleteFrame, deleteFrame.length);
    }

    /** The encoded frames are views of the codec's buffer, which the next encode overwrites. */
    private static byte[] copy(ByteBuffer frame) {
        byte[] out = new byte[frame.remaining()];
        frame.get(out);
        return out;
    }
}
