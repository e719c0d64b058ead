package io.warpengine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@link WarpEngine#ttl} found for a key, at one moment: whether it exists, and when it expires.
 *
 * @param exists          whether the key holds a value (an expired key does not)
 * @param expiresAtMillis when it expires, ms since the epoch; 0 when it never does (or does not exist)
 * @param remainingMillis how long it has left, at least 1 ms; 0 when it never expires (or does not exist)
 */
public record KeyTtl(boolean exists, long expiresAtMillis, long remainingMillis) {

    /** No such key. */
    public static final KeyTtl ABSENT = new KeyTtl(false, 0, 0);
    /** A key that never expires. */
    public static final KeyTtl PERSISTENT = new KeyTtl(true, 0, 0);

    /** A key that expires at {@code expiresAtMillis}, as of {@code nowMillis} (before it). */
    static KeyTtl expiring(long expiresAtMillis, long nowMillis) {
        return new KeyTtl(true, expiresAtMillis, expiresAtMillis - nowMillis);
    }

    /** Whether the key exists and will expire. */
    public boolean expires() {
        return expiresAtMillis != 0;
    }

    /** When the key expires; empty when it never does or does not exist. */
    public Optional<Instant> expiresAt() {
        return expires() ? Optional.of(Instant.ofEpochMilli(expiresAtMillis)) : Optional.empty();
    }

    /** How long the key has left; empty when it never expires or does not exist. */
    public Optional<Duration> remaining() {
        return expires() ? Optional.of(Duration.ofMillis(remainingMillis)) : Optional.empty();
    }
}
