package io.warpengine.server;

import io.warpengine.EngineConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;

/** One server for a test class, started once, and for each test a Jedis client on an emptied keyspace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JedisTestBase {

    /** Static, as JUnit fills a static directory before the class's {@code @BeforeAll}; classes run one at a time. */
    @TempDir
    static Path dir;
    TestServer server;
    Jedis jedis;

    /** The settings of the engine the server opens; a class that needs others overrides this. */
    EngineConfig.Builder engine(Path dataDir) {
        return EngineConfig.builder(dataDir);
    }

    @BeforeAll
    void startServer() {
        server = TestServer.start(engine(dir), ServerOptions.builder());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        jedis = server.jedis();
        jedis.flushDB();
    }

    @AfterEach
    void disconnect() {
        jedis.close();
    }
}
