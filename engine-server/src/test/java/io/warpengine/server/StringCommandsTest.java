package io.warpengine.server;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The string commands through Jedis, with Redis's replies and error texts. */
class StringCommandsTest extends JedisTestBase {


    @Test
    void getAndSetKeepValuesAsTheyAre() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        assertEquals("OK", jedis.set("k".getBytes(StandardCharsets.UTF_8), binary));
        assertArrayEquals(binary, jedis.get("k".getBytes(StandardCharsets.UTF_8)));
        assertEquals("OK", jedis.set("empty", ""));
        assertEquals("", jedis.get("empty"));
        assertNull(jedis.get("absent"));
        assertEquals("ERR wrong number of arguments for 'get' command", error(() -> jedis.sendCommand(Protocol.Command.GET)));
        assertEquals("ERR wrong number of arguments for 'set' command",
                error(() -> jedis.sendCommand(Protocol.Command.SET, "k")));
    }

    @Test
    void setWithNxXxAndGet() {
        assertNull(jedis.set("k", "1", SetParams.setParams().xx()), "XX on an absent key");
        assertNull(jedis.get("k"));
        assertEquals("OK", jedis.set("k", "1", SetParams.setParams().nx()));
        assertNull(jedis.set("k", "2", SetParams.setParams().nx()), "NX on a present key");
        assertEquals("1", jedis.get("k"));
        assertEquals("OK", jedis.set("k", "3", SetParams.setParams().xx()));
        assertEquals("3", jedis.setGet("k", "4"));
        assertEquals("4", jedis.get("k"));
        assertEquals("4", jedis.setGet("k", "5", SetParams.setParams().nx()), "NX GET: the old value, nothing set");
        assertEquals("4", jedis.get("k"));
        assertNull(jedis.setGet("new", "v", SetParams.setParams().nx()));
        assertEquals("v", jedis.get("new"));
        assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "NX", "XX")));
        assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "BOGUS")));
        assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.SET, "k", "v", "EX")));
    }

    @Test
    void setnxGetsetGetdel() {
        assertEquals(1, jedis.setnx("k", "a"));
        assertEquals(0, jedis.setnx("k", "b"));
        assertEquals("a", jedis.getSet("k", "c"));
        assertNull(jedis.getSet("other", "x"));
        assertEquals("c", jedis.getDel("k"));
        assertNull(jedis.getDel("k"));
        assertFalse(jedis.exists("k"));
    }

    @Test
    void msetMgetMsetnx() {
        assertEquals("OK", jedis.mset("a", "1", "b", "2", "a", "3"));
        assertEquals(Arrays.asList("3", "2", null), jedis.mget("a", "b", "c"));
        assertEquals(0, jedis.msetnx("c", "x", "a", "y"), "a exists: nothing set");
        assertNull(jedis.get("c"));
        assertEquals(1, jedis.msetnx("c", "x", "d", "y"));
        assertEquals(Arrays.asList("x", "y"), jedis.mget("c", "d"));
        assertEquals("ERR wrong number of arguments for 'mset' command",
                error(() -> jedis.sendCommand(Protocol.Command.MSET, "a", "1", "b")));
        assertEquals("ERR wrong number of arguments for 'msetnx' command",
                error(() -> jedis.sendCommand(Protocol.Command.MSETNX, "a")));
    }

    @Test
    void appendAndStrlen() {
        assertEquals(5, jedis.append("k", "hello"));
        assertEquals(11, jedis.append("k", " world"));
        assertEquals("hello world", jedis.get("k"));
        assertEquals(11, jedis.strlen("k"));
        assertEquals(0, jedis.strlen("absent"));
    }

    @Test
    void countersWithRedisErrors() {
        assertEquals(1, jedis.incr("n"));
        assertEquals(11, jedis.incrBy("n", 10));
        assertEquals(10, jedis.decr("n"));
        assertEquals(-5, jedis.decrBy("n", 15));
        assertEquals("-5", jedis.get("n"));
        jedis.set("text", "abc");
        assertEquals("ERR value is not an integer or out of range", error(() -> jedis.incr("text")));
        jedis.set("spaced", " 1");
        assertEquals("ERR value is not an integer or out of range", error(() -> jedis.incr("spaced")));
        assertEquals("ERR value is not an integer or out of range",
                error(() -> jedis.sendCommand(Protocol.Command.INCRBY, "n", "1.5")));
        jedis.set("max", String.valueOf(Long.MAX_VALUE));
        assertEquals("ERR increment or decrement would overflow", error(() -> jedis.incr("max")));
        assertEquals(String.valueOf(Long.MAX_VALUE), jedis.get("max"), "nothing written");
        jedis.set("min", String.valueOf(Long.MIN_VALUE));
        assertEquals("ERR increment or decrement would overflow", error(() -> jedis.decr("min")));
        assertEquals("ERR decrement would overflow", error(() -> jedis.decrBy("n", Long.MIN_VALUE)));
    }

    @Test
    void keysAreUtf8TextAndOthersAreRefusedWithNothingWritten() {
        assertEquals("OK", jedis.set("caf\u00e9:\u2603", "v"));
        assertEquals("v", jedis.get("caf\u00e9:\u2603"));
        assertEquals(List.of("caf\u00e9:\u2603"), List.copyOf(jedis.keys("caf*")));
        byte[] notUtf8 = {'k', (byte) 0xff, (byte) 0xfe};
        String refused = error(() -> jedis.set(notUtf8, "v".getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.startsWith("ERR invalid key: not valid UTF-8"), refused);
        assertTrue(error(() -> jedis.get(notUtf8)).startsWith("ERR invalid key"));
        assertTrue(error(() -> jedis.mset("ok", "1", "", "2")).startsWith("ERR invalid key"),
                "an empty key refuses the whole MSET");
        assertFalse(jedis.exists("ok"));
        String tooLong = "k".repeat(server.engine().config().maxKeyBytes() + 1);
        assertTrue(error(() -> jedis.set(tooLong, "v")).contains("key.max.bytes"));
        assertEquals(1, jedis.dbSize());
    }

    @Test
    void aValueOverTheEnginesLimitIsRefused() {
        byte[] big = new byte[server.engine().config().maxValueBytes() + 1];
        String text = error(() -> jedis.set("big".getBytes(StandardCharsets.UTF_8), big));
        assertTrue(text.contains("value.max.bytes"), text);
        assertFalse(jedis.exists("big"));
        assertEquals("PONG", jedis.ping(), "the connection goes on");
    }

    static String error(Runnable command) {
        return assertThrows(JedisDataException.class, command::run).getMessage();
    }
}
