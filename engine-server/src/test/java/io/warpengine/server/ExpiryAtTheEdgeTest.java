package io.warpengine.server;

import io.warpengine.EngineConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Commands on a key whose TTL runs out while they run, on an engine whose clock moves 1 ms each time it is read:
 * INCR never leaves an expiring counter without its TTL, and PERSIST answers what the engine did.
 */
class ExpiryAtTheEdgeTest extends JedisTestBase {

    /** Moves 1 ms forward each time it is read: time passes between any two reads of one command. */
    static final class TickingClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
        @Override public long millis() { return millis.incrementAndGet(); }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @Override
    EngineConfig.Builder engine(Path dataDir) {
        return EngineConfig.builder(dataDir).clock(new TickingClock());
    }

    @Test
    void incrNeverMakesAnExpiringCounterPermanent() {
        List<String> bad = new ArrayList<>();
        for (int px = 1; px <= 40; px++) {
            String key = "c" + px;
            jedis.set(key, "10", SetParams.setParams().px(px));
            long after = jedis.incr(key);
            long ttl = jedis.pttl(key);
            // Redis: 11 with the TTL kept, or 1 (a fresh key, no TTL). Never 11 and no TTL.
            if (after == 11 && ttl == -1) {
                bad.add(key + ": INCR gave 11, PTTL -1, GET " + jedis.get(key));
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void persistAnswers1OnlyWhenTheKeyStays() {
        List<String> bad = new ArrayList<>();
        for (int px = 1; px <= 40; px++) {
            String key = "p" + px;
            jedis.set(key, "v", SetParams.setParams().px(px));
            long persisted = jedis.persist(key);
            if (persisted == 1 && jedis.get(key) == null) {
                bad.add(key + ": PERSIST gave 1, then GET nil");
            }
        }
        assertEquals(List.of(), bad);
    }
}
