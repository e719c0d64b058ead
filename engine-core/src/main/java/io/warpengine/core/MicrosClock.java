package io.warpengine.core;

import java.time.Instant;

/**
 * Wall-clock microseconds for journal timestamps without a system call per entry: a wall-clock base plus
 * elapsed {@link System#nanoTime()}, re-based every second so it cannot drift far; never goes backwards.
 */
final class MicrosClock {

    private static final long REBASE_NANOS = 1_000_000_000L;

    private long baseMicros;
    private long baseNanos;
    private long last;

    MicrosClock() {
        rebase();
    }

    long micros() {
        long elapsed = System.nanoTime() - baseNanos;
        if (elapsed > REBASE_NANOS) {
            rebase();
            elapsed = 0;
        }
        long now = Math.max(last, baseMicros + elapsed / 1000);
        last = now;
        return now;
    }

    private void rebase() {
        baseMicros = wallMicros();
        baseNanos = System.nanoTime();
    }

    /** The wall clock now, µs since the epoch (a system call: not for every entry). */
    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
