package io.warpengine.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a bench run. Without it the JVM would exit mid-phase: the engine under test unclosed and
 * the temporary data directory (gigabytes of journal) left behind. With it the load threads stop at their next call,
 * the phase ends early, the command's own cleanup runs (targets closed, temporary files removed), and only then does
 * the JVM exit. Nothing is interrupted: an interrupt would close the file channels a checkpoint is writing.
 */
final class Cancellation {

    /** Exit code of a run stopped by a signal, as a shell reports SIGINT. */
    static final int EXIT_CODE = 130;
    /** How long the JVM's exit waits for the cleanup: a close-time checkpoint of millions of keys takes seconds. */
    private static final long CLEANUP_SECONDS = 120;

    private static volatile boolean requested;
    private static final CountDownLatch SIGNALLED = new CountDownLatch(1);

    private Cancellation() {
    }

    /** Whether a signal asked the run to stop: load loops check it before each call. */
    static boolean requested() {
        return requested;
    }

    /** Thrown where a run notices the cancellation; the command reports it and exits with {@link #EXIT_CODE}. */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("bench: stopped by a signal (SIGTERM or Ctrl-C): the engines were closed, temporary data "
                    + "removed, no results written");
        }
    }

    /** Throws {@link CancelledException} when a signal asked the run to stop. */
    static void check() {
        if (requested) {
            throw new CancelledException();
        }
    }

    /** Waits {@code millis} (a phase's duration), or less when a signal asks the run to stop. */
    static void sleep(long millis) throws InterruptedException {
        SIGNALLED.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code run} and returns its exit code; a signal meanwhile holds the JVM's exit until {@code run} has
     * returned or thrown (its finally blocks done) and the cancellation is reported, for at most {@link
     * #CLEANUP_SECONDS}; the exit code is then {@link #EXIT_CODE}.
     */
    static int guard(Callable<Integer> run, PrintWriter report) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requested = true;
            SIGNALLED.countDown();
            try {
                finished.await(CLEANUP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "warp-bench-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.call();
        } catch (CancelledException e) {
            report.println(e.getMessage());
            return EXIT_CODE;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has just been released
            }
        }
    }
}
