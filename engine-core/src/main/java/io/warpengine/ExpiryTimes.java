package io.warpengine;

import java.time.Duration;
import java.time.Instant;

/**
 * Expiry times as the journal stores them: ms since the epoch, above 0 (0 means "never"). A time at or before the
 * epoch becomes 1 ms after it (long past: the key expires at once); one past what a long holds, the largest.
 */
final class ExpiryTimes {

    private ExpiryTimes() {
    }

    /** {@code when} as an expiry time. */
    static long at(Instant when) {
        if (when == null) {
            throw new IllegalArgumentException("the expiry time must not be null (persist removes an expiry)");
        }
        if (when.getEpochSecond() >= Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, when.toEpochMilli());
    }

    /** {@code ttl} after {@code nowMillis}, for a put: a ttl that is not positive is refused. */
    static long after(long nowMillis, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive, was " + ttl
                    + " (use a plain put for a key that never expires)");
        }
        return afterAllowingPast(nowMillis, ttl);
    }

    /** {@code ttl} after {@code nowMillis}; zero or negative gives a time already past. */
    static long afterAllowingPast(long nowMillis, Duration ttl) {
        if (ttl == null) {
            throw new IllegalArgumentException("the time to live must not be null");
        }
        long millis;
        try {
            millis = Math.addExact(nowMillis, ttl.toMillis());
        } catch (ArithmeticException overflow) {
            return ttl.isNegative() ? 1 : Long.MAX_VALUE;
        }
        return Math.max(1, millis);
    }
}
