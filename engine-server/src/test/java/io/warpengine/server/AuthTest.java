package io.warpengine.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;

import java.nio.file.Path;

import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A server with a password: nothing but AUTH, HELLO and QUIT before it, Redis's texts, and Jedis logging in. */
class AuthTest {

    private static final String PASSWORD = "s3cret p\u00e4ss";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, ServerOptions.builder().password(PASSWORD));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void commandsBeforeAuthAreRefused() {
        try (Jedis jedis = server.jedis()) {
            assertEquals("NOAUTH Authentication required.", error(jedis::ping));
            assertEquals("NOAUTH Authentication required.", error(() -> jedis.set("k", "v")));
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.", error(() -> jedis.auth("no")));
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.",
                    error(() -> jedis.auth("admin", PASSWORD)));
            assertEquals("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO "
                    + "<proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
                    + "protocol version at the same time", error(() -> jedis.sendCommand(Protocol.Command.HELLO, "3")));
            assertEquals("OK", jedis.auth(PASSWORD));
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.auth("default", PASSWORD));
            assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.AUTH, "a", "b", "c")));
        }
    }

    @Test
    void jedisLogsInWithResp2AndWithHello3() {
        for (RedisProtocol protocol : RedisProtocol.values()) {
            try (Jedis jedis = server.jedis(DefaultJedisClientConfig.builder().password(PASSWORD).protocol(protocol)
                    .build())) {
                assertEquals("OK", jedis.set("k", protocol.name()));
                assertEquals(protocol.name(), jedis.get("k"));
            }
        }
    }

    @Test
    void authWithoutAPasswordSetIsRedisError(@TempDir Path other) {
        try (TestServer open = TestServer.start(other); Jedis jedis = open.jedis()) {
            assertEquals("ERR AUTH <password> called without any password configured for the default user. Are you "
                    + "sure your configuration is correct?", error(() -> jedis.auth("x")));
            assertEquals("OK", jedis.auth("default", "anything"));
        }
    }
}
