package io.warpengine.server;

import io.warpengine.EngineConfig;
import io.warpengine.ManualClock;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.params.SetParams;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key expiry through Jedis, on an engine whose clock the test moves: SET's expiry options, EXPIRE and its kin with
 * NX/XX/GT/LT, TTL, PTTL, EXPIRETIME, PERSIST, SETEX, which writes keep or clear a TTL, transactions, and Redis's
 * error texts.
 */
class ExpiryCommandsTest extends JedisTestBase {

    private static final long START = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    private final ManualClock clock = new ManualClock(Instant.ofEpochMilli(START));

    @Override
    EngineConfig.Builder engine(Path dataDir) {
        return EngineConfig.builder(dataDir).clock(clock);
    }

    @Test
    void setWithEachExpiryOptionExpiresTheKeyWhenTheClockPassesIt() {
        long now = clock.millis();
        jedis.set("ex", "v", SetParams.setParams().ex(10));
        jedis.set("px", "v", SetParams.setParams().px(1500));
        jedis.set("exat", "v", SetParams.setParams().exAt(now / 1000 + 20));
        jedis.set("pxat", "v", SetParams.setParams().pxAt(now + 2500));
        assertEquals(10, jedis.ttl("ex"));
        assertEquals(1500, jedis.pttl("px"));
        assertEquals(now / 1000 + 20, jedis.expireTime("exat"));
        assertEquals(now + 2500, jedis.pexpireTime("pxat"));
        clock.advance(1500);
        assertNull(jedis.get("px"));
        assertEquals(-2, jedis.ttl("px"));
        assertEquals("v", jedis.get("pxat"));
        clock.advance(1000);
        assertFalse(jedis.exists("pxat"));
        assertEquals(8, jedis.ttl("ex")); // 7.5 s left: TTL rounds, as Redis does
        clock.advance(400);
        assertEquals(7, jedis.ttl("ex"));
        assertEquals(7100, jedis.pttl("ex"));
        clock.advance(7100);
        assertNull(jedis.get("ex"));
        assertEquals("v", jedis.get("exat"));
        assertEquals(java.util.Set.of("exat"), jedis.keys("*"));
    }

    @Test
    void expireFamilyWithConditions() {
        jedis.set("k", "v");
        assertEquals(-1, jedis.ttl("k"));
        assertEquals(0, jedis.expire("k", 100, ExpiryOption.XX)); // no TTL yet
        assertEquals(0, jedis.expire("k", 100, ExpiryOption.GT)); // no TTL counts as infinite
        assertEquals(1, jedis.expire("k", 100, ExpiryOption.NX));
        assertEquals(0, jedis.expire("k", 50, ExpiryOption.NX));
        assertEquals(0, jedis.expire("k", 50, ExpiryOption.GT));
        assertEquals(1, jedis.expire("k", 50, ExpiryOption.LT));
        assertEquals(50, jedis.ttl("k"));
        assertEquals(1, jedis.pexpire("k", 200_000));
        assertEquals(200_000, jedis.pttl("k"));
        assertEquals(1, jedis.expireAt("k", clock.millis() / 1000 + 30));
        assertEquals(30, jedis.ttl("k"));
        assertEquals(1, jedis.pexpireAt("k", clock.millis() + 40_000));
        assertEquals(40, jedis.ttl("k"));
        assertEquals(1, jedis.persist("k"));
        assertEquals(0, jedis.persist("k"));
        assertEquals(-1, jedis.ttl("k"));
        assertEquals(0, jedis.expire("absent", 10));
        assertEquals(-2, jedis.pttl("absent"));
        assertEquals(-2, jedis.expireTime("absent"));
        assertEquals(-1, jedis.expireTime("k"));
        assertEquals(1, jedis.expire("k", -1)); // a time already past: the key is gone at once
        assertFalse(jedis.exists("k"));
    }

    @Test
    void writesThatReplaceAValueClearItsTtlAndWritesThatChangeItKeepIt() {
        jedis.setex("s", 100, "1");
        assertEquals(2, jedis.incr("s"));
        jedis.append("s", "0");
        assertEquals(100, jedis.ttl("s"));
        jedis.set("s", "x", SetParams.setParams().keepTtl());
        assertEquals(100, jedis.ttl("s"));
        assertEquals("x", jedis.getSet("s", "y"));
        assertEquals(-1, jedis.ttl("s"));
        jedis.psetex("p", 5000, "v");
        jedis.set("p", "w");
        assertEquals(-1, jedis.ttl("p"));
        jedis.setex("m", 100, "v");
        jedis.mset("m", "w");
        assertEquals(-1, jedis.ttl("m"));
    }

    @Test
    void anExpiredKeyIsAbsentToEveryCommand() {
        jedis.setex("gone", 1, "5");
        jedis.set("kept", "v");
        clock.advance(1000);
        assertFalse(jedis.exists("gone"));
        assertEquals(1, jedis.setnx("gone", "new")); // NX sees it absent
        assertEquals(-1, jedis.ttl("gone"));
        jedis.setex("gone2", 1, "5");
        clock.advance(1000);
        assertEquals(1, jedis.incr("gone2")); // starts again from 0
        assertEquals(-1, jedis.ttl("gone2"));
        jedis.setex("gone3", 1, "5");
        clock.advance(1000);
        assertEquals(0, jedis.del("gone3"));
        assertEquals("none", jedis.type("gone3"));
        assertEquals(0, jedis.persist("gone3"));
    }

    @Test
    void expiryInATransactionAndAPipeline() {
        Transaction multi = jedis.multi();
        multi.set("t", "v");
        multi.expire("t", 30);
        multi.pexpire("t", 45_000);
        multi.ttl("t");
        List<Object> replies = multi.exec();
        assertEquals(List.of("OK", 1L, 1L, 45L), replies);
        assertEquals(45, jedis.ttl("t"));
        Pipeline pipeline = jedis.pipelined();
        pipeline.set("p", "v", SetParams.setParams().ex(5));
        pipeline.persist("p");
        pipeline.expire("p", 7);
        pipeline.ttl("p");
        assertEquals(List.of("OK", 1L, 1L, 7L), pipeline.syncAndReturnAll());
        assertEquals(7, jedis.ttl("p"));
    }

    @Test
    void badExpiryArgumentsGetRedisErrors() {
        jedis.set("k", "v");
        assertEquals("ERR invalid expire time in 'set' command",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "EX", "0")));
        assertEquals("ERR invalid expire time in 'set' command",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "PX", "-5")));
        assertEquals("ERR value is not an integer or out of range",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "EX", "soon")));
        assertEquals("ERR syntax error",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "EX", "5", "PX", "5")));
        assertEquals("ERR syntax error",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "KEEPTTL", "EX", "5")));
        assertEquals("ERR invalid expire time in 'setex' command",
                error(() -> jedis.sendCommand(Protocol.Command.SETEX, "k", "0", "v")));
        assertEquals("ERR invalid expire time in 'expire' command",
                error(() -> jedis.sendCommand(Protocol.Command.EXPIRE, "k", String.valueOf(Long.MAX_VALUE))));
        assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible",
                error(() -> jedis.sendCommand(Protocol.Command.EXPIRE, "k", "5", "NX", "XX")));
        assertEquals("ERR GT and LT options at the same time are not compatible",
                error(() -> jedis.sendCommand(Protocol.Command.EXPIRE, "k", "5", "GT", "LT")));
        assertEquals("ERR Unsupported option soon",
                error(() -> jedis.sendCommand(Protocol.Command.EXPIRE, "k", "5", "soon")));
        assertEquals("ERR wrong number of arguments for 'ttl' command",
                error(() -> jedis.sendCommand(Protocol.Command.TTL)));
        assertEquals("v", jedis.get("k"));
        assertEquals(-1, jedis.ttl("k"));
    }

    /** Keys earlier tests left expired are counted until the reaper journals their REAP (every 100 ms). */
    @Test
    void keyspaceInfoCountsKeysWithAnExpiry() {
        jedis.set("a", "v");
        jedis.setex("b", 100, "v");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (server.engine().count() != 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(jedis.info("keyspace").contains("db0:keys=2,expires=1,avg_ttl=0"), jedis.info("keyspace"));
    }
}
