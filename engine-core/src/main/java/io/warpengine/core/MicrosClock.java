package io.warpengine.core;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock microseconds for journal timestamps, never going backwards. On the system clock, without a system call
 * per entry: a wall-clock base plus elapsed {@link System#nanoTime()}, re-based every second so it cannot drift
 * far. On any other clock (a test's), that clock read each time.
 */
final class MicrosClock {

    private static final long REBASE_NANOS = 1_000_000_000L;

    private final Clock source;
    private final boolean system;
    private long baseMicros;
    private long baseNanos;
    private long last;

    MicrosClock(Clock source) {
        this.source = source;
        this.system = source.equals(Clock.systemUTC());
        rebase();
    }

    long micros() {
        long now;
        if (system) {
            long elapsed = System.nanoTime() - baseNanos;
            if (elapsed > REBASE_NANOS) {
                rebase();
                elapsed = 0;
            }
            now = baseMicros + elapsed / 1000;
        } else {
            now = micros(source.instant());
        }
        now = Math.max(last, now);
        last = now;
        return now;
    }

    private void rebase() {
        baseMicros = micros(source.instant());
        baseNanos = System.nanoTime();
    }

    /** The wall clock now, µs since the epoch (a system call: not for every entry). */
    static long wallMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
