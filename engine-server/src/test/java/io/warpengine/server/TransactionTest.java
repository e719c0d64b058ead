package io.warpengine.server;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.warpengine.server.ConnectionCommandsTest.command;
import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MULTI, EXEC, DISCARD: queued commands run together, their writes as one atomic batch. */
class TransactionTest extends JedisTestBase {


    @Test
    void queuedCommandsSeeTheWritesBeforeThemAndAnswerTogether() {
        jedis.set("n", "10");
        Transaction t = jedis.multi();
        Response<String> set = t.set("k", "v");
        Response<String> get = t.get("k");
        Response<Long> incr = t.incr("n");
        Response<List<String>> mget = t.mget("k", "n", "absent");
        Response<Long> del = t.del("k");
        Response<Boolean> exists = t.exists("k");
        List<Object> all = t.exec();
        assertEquals(6, all.size());
        assertEquals("OK", set.get());
        assertEquals("v", get.get());
        assertEquals(11, incr.get());
        assertEquals(Arrays.asList("v", "11", null), mget.get());
        assertEquals(1, del.get());
        assertEquals(false, exists.get());
        assertNull(jedis.get("k"));
        assertEquals("11", jedis.get("n"));
    }

    @Test
    void aCommandFailingAtExecAnswersItsErrorAndTheOthersRun() {
        jedis.set("text", "abc");
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.incr("text");
        t.set("b", "2");
        List<Object> replies = t.exec();
        assertEquals("OK", replies.get(0));
        assertInstanceOf(JedisDataException.class, replies.get(1));
        assertEquals("ERR value is not an integer or out of range", ((JedisDataException) replies.get(1)).getMessage());
        assertEquals("OK", replies.get(2));
        assertEquals(List.of("1", "2", "abc"), jedis.mget("a", "b", "text"));
    }

    @Test
    void anErrorWhileQueuingDiscardsTheTransaction() {
        assertEquals("OK", status(jedis.sendCommand(Protocol.Command.MULTI)));
        assertEquals("QUEUED", status(jedis.sendCommand(Protocol.Command.SET, "x", "1")));
        assertEquals("ERR unknown command 'NOSUCH', with args beginning with: ",
                error(() -> jedis.sendCommand(command("NOSUCH"))));
        assertEquals("ERR Command not allowed inside a transaction",
                error(() -> jedis.sendCommand(Protocol.Command.KEYS, "*")));
        assertEquals("EXECABORT Transaction discarded because of previous errors.",
                error(() -> jedis.sendCommand(Protocol.Command.EXEC)));
        assertNull(jedis.get("x"), "nothing written");
        assertEquals("OK", status(jedis.sendCommand(Protocol.Command.MULTI)));
        assertEquals("ERR wrong number of arguments for 'get' command", error(() -> jedis.sendCommand(Protocol.Command.GET)));
        assertEquals("EXECABORT Transaction discarded because of previous errors.",
                error(() -> jedis.sendCommand(Protocol.Command.EXEC)));
    }

    @Test
    void discardAndMisplacedControlCommands() {
        assertEquals("ERR EXEC without MULTI", error(() -> jedis.sendCommand(Protocol.Command.EXEC)));
        assertEquals("ERR DISCARD without MULTI", error(() -> jedis.sendCommand(Protocol.Command.DISCARD)));
        assertEquals("OK", status(jedis.sendCommand(Protocol.Command.MULTI)));
        assertEquals("QUEUED", status(jedis.sendCommand(Protocol.Command.SET, "d", "1")));
        assertEquals("ERR MULTI calls can not be nested", error(() -> jedis.sendCommand(Protocol.Command.MULTI)));
        assertEquals("OK", status(jedis.sendCommand(Protocol.Command.DISCARD)));
        assertNull(jedis.get("d"));
        assertEquals("OK", status(jedis.sendCommand(Protocol.Command.MULTI)));
        assertEquals("QUEUED", status(jedis.sendCommand(Protocol.Command.PING)));
        assertEquals(List.of("PONG"), ((List<?>) jedis.sendCommand(Protocol.Command.EXEC)).stream()
                .map(TransactionTest::status).toList());
        assertEquals(List.of(), jedis.multi().exec(), "an empty transaction");
    }

    /** A reader never sees one key of a transaction's writes without the other, nor an increment half done. */
    @Test
    void readersNeverSeePartOfATransaction() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            try (Jedis other = server.jedis()) {
                while (!stop.get()) {
                    List<String> pair = other.mget("left", "right");
                    assertEquals(pair.get(0), pair.get(1));
                    reads++;
                }
            }
            return reads;
        });
        for (int i = 0; i < 500; i++) {
            Transaction t = jedis.multi();
            t.set("left", String.valueOf(i));
            t.incr("counter");
            t.set("right", String.valueOf(i));
            t.exec();
        }
        stop.set(true);
        assertTrue(reader.get() > 0);
        assertEquals("500", jedis.get("counter"));
    }

    private static String status(Object reply) {
        return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
}
