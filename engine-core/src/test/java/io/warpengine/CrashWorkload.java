package io.warpengine;

import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash tests' workload and their rule. In a child JVM, {@code threads} threads each run a fixed sequence of
 * operations on keys of their own ({@code t<thread>-k<n>}), printing "thread index" once each is acknowledged; the
 * parent kills the child with SIGKILL, reopens the engine and checks that it holds every acknowledged operation, each
 * thread's one unacknowledged operation may or may not have landed, and nothing else appeared.
 */
public final class CrashWorkload {

    /** One operation; a null value deletes the key. */
    public record Op(String key, byte[] value) {
    }

    /** The operation of {@code thread} at step {@code i} of {@code cycle}: the same in both processes. */
    @FunctionalInterface
    public interface Ops {
        Op of(int cycle, int thread, int i);
    }

    private final int threads;
    private final int keysPerThread;
    private final Ops ops;
    private final Function<byte[], String> describe;

    /** @param describe a value as a failure message shows it (never given null) */
    public CrashWorkload(int threads, int keysPerThread, Ops ops, Function<byte[], String> describe) {
        this.threads = threads;
        this.keysPerThread = keysPerThread;
        this.ops = ops;
        this.describe = describe;
    }

    public int threads() {
        return threads;
    }

    /** Key {@code k} of {@code thread}. */
    public static String key(int thread, int k) {
        return "t" + thread + "-k" + k;
    }

    /** Child side: starts the threads, which write until the process dies, each acknowledgement on {@code out}. */
    public void startWriters(WarpEngine engine, int cycle, PrintStream out) {
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                for (int i = 0; ; i++) {
                    Op op = ops.of(cycle, thread, i);
                    if (op.value() == null) {
                        engine.delete(op.key());
                    } else {
                        engine.put(op.key(), op.value());
                    }
                    synchronized (out) {
                        out.println(thread + " " + i);
                        out.flush();
                    }
                }
            }).start();
        }
    }

    /**
     * Parent side: reads {@code child}'s acknowledgements until {@code killAfter} of them, kills it with SIGKILL and
     * reads those already in the pipe; returns per thread the number of operations acknowledged.
     */
    public long[] killAfter(Process child, int killAfter) throws IOException {
        long[] acked = new long[threads];
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            long total = 0;
            String line;
            while (total < killAfter && (line = out.readLine()) != null) {
                ack(acked, line);
                total++;
            }
            child.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly it leaves our pipe open
            while ((line = out.readLine()) != null) { // acknowledgements already in the pipe count too
                ack(acked, line);
            }
        }
        return acked;
    }

    /** Records an acknowledgement line, "thread index": that thread's operations up to index are done. */
    public static void ack(long[] acked, String line) {
        String[] parts = line.split(" ");
        acked[Integer.parseInt(parts[0])] = Long.parseLong(parts[1]) + 1;
    }

    /**
     * Checks the engine against the model plus this cycle's acknowledged operations; returns the new model.
     *
     * @param otherKeys keys the engine holds outside the threads' key space
     */
    public Map<String, byte[]> verify(WarpEngine engine, Map<String, byte[]> before, int cycle, long[] acked,
                                      long otherKeys) {
        Map<String, byte[]> expected = new HashMap<>(before);
        Map<String, Op> inFlight = new HashMap<>(); // key -> the one unacknowledged op of its thread
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < acked[t]; i++) {
                Op op = ops.of(cycle, t, i);
                if (op.value() == null) {
                    expected.remove(op.key());
                } else {
                    expected.put(op.key(), op.value());
                }
            }
            Op next = ops.of(cycle, t, (int) acked[t]);
            inFlight.put(next.key(), next);
        }
        Map<String, byte[]> actual = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            for (int k = 0; k < keysPerThread; k++) {
                String key = key(t, k);
                engine.get(key).ifPresent(v -> actual.put(key, v));
                byte[] want = expected.get(key);
                byte[] got = actual.get(key);
                Op pending = inFlight.get(key);
                if (!Arrays.equals(want, got) && (pending == null || !Arrays.equals(pending.value(), got))) {
                    fail("cycle " + cycle + ", key " + key + ": expected " + text(want) + " (or the in-flight "
                            + (pending == null ? "none" : text(pending.value())) + "), found " + text(got));
                }
            }
        }
        assertEquals(actual.size() + otherKeys, engine.stats().keyCount(),
                "keys outside the written key space appeared");
        return actual;
    }

    private String text(byte[] value) {
        return value == null ? "absent" : describe.apply(value);
    }

    /**
     * A SIGKILL may cut a snapshot's writing short: recovery removes the temporary file and says so. It must never
     * meet a damaged snapshot, which would mean a partial one had taken a snapshot's name.
     */
    public static void assertOnlyInterruptedSnapshotsRemoved(LogCapture log) {
        for (String warning : log.messages("WARN", SnapshotStore.class.getName())) {
            assertTrue(warning.matches("Removing .*\\.wsnap\\.tmp, a snapshot whose writing was interrupted"), warning);
        }
    }
}
