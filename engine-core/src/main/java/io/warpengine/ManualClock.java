package io.warpengine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until it is moved forward, for tests of code that uses key expiry: give it to
 * {@link EngineConfig.Builder#clock}, then {@link #advance} it instead of waiting. It only moves forward, as the
 * engine's journal timestamps must. Thread-safe.
 */
public final class ManualClock extends Clock {

    private final AtomicLong millis;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** Moves the clock forward by {@code byMillis} (0 or more). */
    public void advance(long byMillis) {
        if (byMillis < 0) {
            throw new IllegalArgumentException("a manual clock only moves forward, not by " + byMillis + " ms");
        }
        millis.addAndGet(byMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock itself: its time has no zone to change. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
