package io.warpengine.server;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.nio.file.Path;
import java.util.List;

import static io.warpengine.server.ConnectionCommandsTest.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A server closed and started again on its data directory serves the same data. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void dataWrittenThroughTheServerIsThereAfterARestart() {
        try (TestServer server = TestServer.start(dir); Jedis jedis = server.jedis()) {
            jedis.set("a", "1");
            jedis.mset("b", "2", "c", "3");
            jedis.incrBy("n", 41);
            jedis.incr("n");
            jedis.del("c");
            jedis.sendCommand(command("WARP.ENTANGLE"), "a", "0.5", "b");
        }
        try (TestServer server = TestServer.start(dir); Jedis jedis = server.jedis()) {
            assertEquals(List.of("1", "2", "42"), jedis.mget("a", "b", "n"));
            assertEquals(3, jedis.dbSize());
            assertEquals(1, ((List<?>) ((List<?>) jedis.sendCommand(command("WARP.QGET"), "a")).get(1)).size());
            assertEquals(0, server.engine().recovery().entriesReplayed(), "closed with its close-time checkpoint");
        }
    }

    @Test
    void aServerOnTheCallersEngineLeavesItOpen() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) {
            WarpServer server = WarpServer.start(engine, ServerOptions.builder().port(0).build());
            int port = server.port();
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.set("k", "v");
            }
            server.close();
            assertEquals("v", new String(engine.get("k").orElseThrow()));
            assertThrows(JedisConnectionException.class, () -> new Jedis("127.0.0.1", port).ping(),
                    "no longer listening");
        }
    }
}
