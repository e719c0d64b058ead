package io.warpengine.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.KeyValue;
import redis.clients.jedis.util.RedisInputStream;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every reply type written in both protocols and read back: RESP2 by netty-codec-redis's decoder (the codec the
 * server's requests go through), RESP3 by Jedis's parser (netty's has no RESP3 types).
 */
class RespWriterTest {

    private static final Reply NESTED = new Reply.ArrayReply(List.of(
            new Reply.SimpleString("OK"), Reply.integer(-42), Reply.bulk("caf\u00e9"), Reply.bulk(new byte[0]), Reply.NIL,
            new Reply.MapReply(List.of(Reply.bulk("proto"), Reply.integer(3), Reply.bulk("modules"), Reply.EMPTY_ARRAY)),
            new Reply.DoubleReply(0.8), new Reply.BooleanReply(true), new Reply.BooleanReply(false),
            new Reply.VerbatimReply("# Server\r\nredis_version:7.0.15\r\n")));

    @Test
    void resp2IsWhatNettysDecoderReads() {
        List<Object> expected = List.of("+OK", -42L, "caf\u00e9", "", "(nil)", List.of("proto", 3L, "modules", List.of()),
                "0.8", 1L, 0L, "# Server\r\nredis_version:7.0.15\r\n");
        assertEquals(expected, netty(write(NESTED, RespWriter.RESP2)));
        assertEquals("-ERR bad  line", netty(write(Reply.error("ERR bad\r\nline"), RespWriter.RESP2)),
                "a line break in an error would end it early");
    }

    @Test
    void resp3IsWhatJedisReads() {
        Object read = jedis(write(NESTED, RespWriter.RESP3));
        List<?> items = (List<?>) read;
        assertEquals("OK", text(items.get(0)));
        assertEquals(-42L, items.get(1));
        assertEquals("caf\u00e9", text(items.get(2)));
        assertEquals("", text(items.get(3)));
        assertNull(items.get(4));
        List<?> map = (List<?>) items.get(5);
        assertEquals("proto", text(((KeyValue<?, ?>) map.get(0)).getKey()));
        assertEquals(3L, ((KeyValue<?, ?>) map.get(0)).getValue());
        assertEquals(List.of(), ((KeyValue<?, ?>) map.get(1)).getValue());
        assertEquals(0.8, items.get(6));
        assertEquals(true, items.get(7));
        assertEquals(false, items.get(8));
        assertEquals("txt:# Server\r\nredis_version:7.0.15\r\n", text(items.get(9)), "the format, then the text");
        assertEquals("ERR bad", assertThrows(JedisDataException.class,
                () -> jedis(write(Reply.error("ERR bad"), RespWriter.RESP3))).getMessage());
    }

    @Test
    void resp3TypesAsTheSpecWritesThem() {
        assertEquals("%1\r\n$5\r\nproto\r\n:3\r\n", ascii(write(new Reply.MapReply(
                List.of(Reply.bulk("proto"), Reply.integer(3))), RespWriter.RESP3)));
        assertEquals("_\r\n", ascii(write(Reply.NIL, RespWriter.RESP3)));
        assertEquals("$-1\r\n", ascii(write(Reply.NIL, RespWriter.RESP2)));
        assertEquals(",1.5\r\n,-3\r\n,inf\r\n,-inf\r\n,nan\r\n", ascii(write(new Reply.ArrayReply(List.of(
                new Reply.DoubleReply(1.5), new Reply.DoubleReply(-3), new Reply.DoubleReply(Double.POSITIVE_INFINITY),
                new Reply.DoubleReply(Double.NEGATIVE_INFINITY), new Reply.DoubleReply(Double.NaN))),
                RespWriter.RESP3)).substring("*5\r\n".length()));
        assertEquals("#t\r\n", ascii(write(new Reply.BooleanReply(true), RespWriter.RESP3)));
        assertEquals("=8\r\ntxt:abcd\r\n", ascii(write(new Reply.VerbatimReply("abcd"), RespWriter.RESP3)));
    }

    @Test
    void integersInEveryRange() {
        for (long n : new long[]{0, 1, 9, 10, 99, 100, 999, 1000, -1, -9, -10, 1234567890123L, 999_999_999_999_999_999L,
                1_000_000_000_000_000_000L, Long.MAX_VALUE, -Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(":" + n + "\r\n", ascii(write(Reply.integer(n), RespWriter.RESP2)));
        }
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static byte[] write(Reply reply, int protocol) {
        ByteBuf out = Unpooled.buffer();
        RespWriter.write(reply, protocol, out);
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static Object jedis(byte[] bytes) {
        return Protocol.read(new RedisInputStream(new ByteArrayInputStream(bytes)));
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    /** The one message netty's decoder and aggregators read from {@code bytes}, as plain Java values. */
    private static Object netty(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new RedisDecoder(), new RedisBulkStringAggregator(),
                new RedisArrayAggregator());
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        RedisMessage message = channel.readInbound();
        try {
            assertNull(channel.readInbound(), "one message");
            return plain(message);
        } finally {
            ReferenceCountUtil.release(message);
            channel.finishAndReleaseAll();
        }
    }

    private static Object plain(RedisMessage message) {
        if (message instanceof SimpleStringRedisMessage s) {
            return "+" + s.content();
        } else if (message instanceof ErrorRedisMessage e) {
            return "-" + e.content();
        } else if (message instanceof IntegerRedisMessage i) {
            return i.value();
        } else if (message instanceof FullBulkStringRedisMessage b) {
            return b.isNull() ? "(nil)" : b.content().toString(StandardCharsets.UTF_8);
        } else if (message instanceof ArrayRedisMessage a) {
            List<Object> items = new ArrayList<>();
            a.children().forEach(child -> items.add(plain(child)));
            return items;
        }
        throw new AssertionError("unexpected " + message);
    }
}
