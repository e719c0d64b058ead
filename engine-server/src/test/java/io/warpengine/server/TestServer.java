package io.warpengine.server;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

import java.nio.file.Path;

/** A server on a free port over an engine in a test's directory, and Jedis clients of it. */
final class TestServer implements AutoCloseable {

    final Path dataDir;
    final WarpServer server;

    private TestServer(Path dataDir, WarpServer server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /** A server that opens (and will close) the engine in {@code dataDir}. */
    static TestServer start(Path dataDir) {
        return start(dataDir, ServerOptions.builder());
    }

    static TestServer start(Path dataDir, ServerOptions.Builder options) {
        return start(EngineConfig.builder(dataDir), options);
    }

    static TestServer start(EngineConfig.Builder engine, ServerOptions.Builder options) {
        EngineConfig config = engine.build();
        return new TestServer(config.dataDir(), WarpServer.start(config, options.port(0).build()));
    }

    WarpEngine engine() {
        return server.engine();
    }

    int port() {
        return server.port();
    }

    Jedis jedis() {
        return jedis(DefaultJedisClientConfig.builder().timeoutMillis(10_000).build());
    }

    Jedis jedis(JedisClientConfig config) {
        return new Jedis(new HostAndPort("127.0.0.1", port()), config);
    }

    @Override
    public void close() {
        server.close();
    }
}
