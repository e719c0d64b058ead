package io.warpengine.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.resps.CommandInfo;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.KeyValue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PING, ECHO, QUIT, HELLO, SELECT, CLIENT, COMMAND, CONFIG GET, INFO, unknown commands, the client limit. */
class ConnectionCommandsTest extends JedisTestBase {


    @Test
    void pingEchoSelect() {
        assertEquals("PONG", jedis.ping());
        assertEquals("hi", jedis.ping("hi"));
        assertEquals("ERR wrong number of arguments for 'ping' command",
                error(() -> jedis.sendCommand(Protocol.Command.PING, "a", "b")));
        assertEquals("hello", jedis.echo("hello"));
        assertEquals("OK", jedis.select(0));
        assertEquals("ERR DB index is out of range", error(() -> jedis.select(1)));
        assertEquals("ERR value is not an integer or out of range",
                error(() -> jedis.sendCommand(Protocol.Command.SELECT, "x")));
    }

    @Test
    void unknownCommandsAndArityAsRedisWordsThem() {
        assertEquals("ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' ",
                error(() -> jedis.sendCommand(command("FOO"), "bar", "baz")));
        assertEquals("ERR unknown command 'WATCH', with args beginning with: 'k' ",
                error(() -> jedis.sendCommand(command("WATCH"), "k")));
        assertEquals("ERR unknown command 'nope', with args beginning with: ",
                error(() -> jedis.sendCommand(command("nope"))));
        assertEquals("ERR wrong number of arguments for 'echo' command",
                error(() -> jedis.sendCommand(Protocol.Command.ECHO)));
    }

    @Test
    void clientIdAndName() {
        long id = jedis.clientId();
        assertTrue(id > 0);
        assertNull(jedis.clientGetname());
        assertEquals("OK", jedis.clientSetname("worker-1"));
        assertEquals("worker-1", jedis.clientGetname());
        assertEquals("ERR Client names cannot contain spaces, newlines or special characters.",
                error(() -> jedis.clientSetname("a b")));
        assertEquals("ERR unknown subcommand 'KILLALL'. Try CLIENT HELP.",
                error(() -> jedis.sendCommand(Protocol.Command.CLIENT, "KILLALL")));
        assertEquals("ERR wrong number of arguments for 'client|setname' command",
                error(() -> jedis.sendCommand(Protocol.Command.CLIENT, "SETNAME")));
        try (Jedis other = server.jedis()) {
            assertTrue(other.clientId() != id);
        }
    }

    @Test
    void helloSwitchesToResp3AndDescribesTheServer() {
        try (Jedis resp3 = server.jedis(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            Map<String, Object> hello = map(resp3.sendCommand(Protocol.Command.HELLO, "3"));
            assertEquals(3L, hello.get("proto"));
            assertEquals("warpengine", text(hello.get("server")));
            assertEquals("standalone", text(hello.get("mode")));
            assertEquals(List.of(), hello.get("modules"));
            assertEquals("OK", resp3.set("r3", "v"));
            assertEquals("v", resp3.get("r3"));
            assertNull(resp3.get("absent"), "RESP3's null");
            assertTrue(resp3.info().contains("# Physics"), "INFO as verbatim text");
        }
        assertEquals("NOPROTO unsupported protocol version", error(() -> jedis.sendCommand(Protocol.Command.HELLO, "4")));
        assertEquals("ERR Protocol version is not an integer or out of range",
                error(() -> jedis.sendCommand(Protocol.Command.HELLO, "x")));
        assertEquals("ERR Syntax error in HELLO option 'bogus'",
                error(() -> jedis.sendCommand(Protocol.Command.HELLO, "2", "bogus")));
        Object hello2 = jedis.sendCommand(Protocol.Command.HELLO, "2", "SETNAME", "named");
        assertEquals(14, ((List<?>) hello2).size(), "RESP2: the map as a flat array");
        assertEquals("named", jedis.clientGetname());
    }

    @Test
    void commandDescribesEveryCommand() {
        long count = jedis.commandCount();
        assertTrue(count >= 40, "commands: " + count);
        assertEquals(count, jedis.commandList().size());
        Map<String, CommandInfo> info = jedis.commandInfo("get", "mset", "nosuch");
        CommandInfo get = info.get("get");
        assertEquals(2, get.getArity());
        assertEquals(1, get.getFirstKey());
        assertTrue(get.getFlags().contains("readonly"));
        assertEquals(2, info.get("mset").getStep());
        assertEquals(-3, info.get("mset").getArity());
        assertEquals(Map.of(), jedis.commandDocs("get"));
        List<?> all = (List<?>) jedis.sendCommand(Protocol.Command.COMMAND);
        assertEquals(count, all.size());
        assertEquals(10, ((List<?>) all.get(0)).size(), "Redis 7's ten fields");
    }

    @Test
    void configGetAndInfo() {
        assertEquals(Map.of("appendonly", "yes"), jedis.configGet("appendonly"));
        assertEquals(Map.of("save", ""), jedis.configGet("save"));
        assertEquals(String.valueOf(server.port()), jedis.configGet("port").get("port"));
        assertEquals("ERR unknown subcommand 'SET'. Try CONFIG HELP.",
                error(() -> jedis.sendCommand(Protocol.Command.CONFIG, "SET", "x", "y")));
        jedis.set("info:k", "v");
        String info = jedis.info();
        for (String section : List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Keyspace",
                "# Physics")) {
            assertTrue(info.contains(section + "\r\n"), section);
        }
        assertTrue(info.contains("redis_version:7.0.15\r\n"));
        assertTrue(info.contains("tcp_port:" + server.port() + "\r\n"));
        assertTrue(info.contains("db0:keys=" + server.engine().count() + ",expires=0,avg_ttl=0\r\n"));
        assertTrue(info.contains("logical_shards:256\r\n"));
        String physics = jedis.info("physics");
        assertTrue(physics.startsWith("# Physics\r\n") && !physics.contains("# Server"), physics);
    }

    @Test
    void quitAnswersOkThenCloses() {
        assertEquals("OK", new String((byte[]) jedis.sendCommand(command("QUIT")), StandardCharsets.UTF_8));
        assertThrows(JedisConnectionException.class, () -> jedis.ping());
    }

    @Test
    void connectionsOverTheLimitAreRefusedWithRedisError(@TempDir Path data) throws IOException {
        try (TestServer small = TestServer.start(data, ServerOptions.builder().maxClients(2));
             Jedis first = small.jedis(); Jedis second = small.jedis()) {
            assertEquals("PONG", first.ping());
            assertEquals("PONG", second.ping());
            try (Socket third = new Socket("127.0.0.1", small.port())) {
                assertEquals("-ERR max number of clients reached\r\n", readAll(third.getInputStream()));
            }
            second.close();
            assertEquals("PONG", retryPing(small), "a place freed by a closed connection is taken again");
        }
    }

    private static String retryPing(TestServer small) {
        for (int attempt = 0; ; attempt++) {
            try (Jedis again = small.jedis()) {
                return again.ping();
            } catch (JedisConnectionException stillCounted) {
                if (attempt == 50) {
                    throw stillCounted;
                }
            }
        }
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static ProtocolCommand command(String name) {
        return () -> name.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> map(Object reply) {
        Map<String, Object> map = new HashMap<>();
        for (Object entry : (List<?>) reply) {
            KeyValue<?, ?> pair = (KeyValue<?, ?>) entry;
            map.put(text(pair.getKey()), pair.getValue());
        }
        return map;
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
