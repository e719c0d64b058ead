package io.warpengine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A child JVM writes, then exits (cleanly, or by halting without closing); this JVM reopens and checks. */
class ProcessBoundaryTest {

    private static final int WRITES = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"close", "halt"})
    void writesOfAChildProcessSurviveItsExit(String exitMode) throws Exception {
        Process child = ChildProcess.start(Writer.class, dir.toString(), Integer.toString(WRITES), exitMode);
        String last;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            last = out.readLine();
        }
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "child did not exit");
        assertEquals(0, child.exitValue());
        assertEquals("acknowledged " + WRITES, last);
        try (WarpEngine engine = WarpEngine.open(dir)) {
            assertEquals(WRITES, engine.stats().keyCount());
            for (int i = 0; i < WRITES; i++) {
                assertArrayEquals(Writer.value(i), engine.get(Writer.key(i)).orElseThrow(), "key " + i);
            }
            assertEquals(WRITES + 1, engine.put("after", new byte[0]).sequence());
        }
    }

    /** The child: writes keys from 4 threads, reports, then exits as told. */
    public static final class Writer {
        static String key(int i) {
            return "child-key-" + i;
        }

        static byte[] value(int i) {
            return ("value-" + i).getBytes(StandardCharsets.UTF_8);
        }

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int writes = Integer.parseInt(args[1]);
            WarpEngine engine = WarpEngine.open(dir);
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int first = t;
                threads[t] = new Thread(() -> {
                    for (int i = first; i < writes; i += threads.length) {
                        engine.put(key(i), value(i));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("acknowledged " + writes);
            System.out.flush();
            if (args[2].equals("halt")) {
                Runtime.getRuntime().halt(0); // no close, no shutdown hooks: only what the journal holds survives
            }
            engine.close();
        }
    }
}
