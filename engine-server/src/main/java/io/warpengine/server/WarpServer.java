package io.warpengine.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.server.command.ServerContext;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Redis-protocol server (RESP2 and RESP3) on a {@link WarpEngine}: redis-cli, redis-benchmark and Redis client
 * libraries talk to it unchanged. Start it on an engine you opened (you close that engine) or on a configuration
 * (the server opens the engine and closes it on {@link #close()}). Its threads are daemon threads, as the engine's
 * are: the application decides when its JVM ends, and closes the server first.
 *
 * <pre>{@code
 * try (WarpServer server = WarpServer.start(EngineConfig.builder(Path.of("data")).build(),
 *                                           ServerOptions.builder().port(6379).build())) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class WarpServer implements AutoCloseable {

    private final WarpEngine engine;
    private final boolean ownsEngine;
    private final Transport transport;
    private final EventLoopGroup eventLoops;
    private final ExecutorService background;
    private final Channel listener;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WarpServer(WarpEngine engine, boolean ownsEngine, ServerOptions options) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.transport = Transport.best();
        this.eventLoops = transport.eventLoops(options.ioThreads());
        this.background = Executors.newSingleThreadExecutor(new DefaultThreadFactory("warp-server-background", true));
        ServerContext context = new ServerContext(engine, background, options.password(), options.maxClients());
        try {
            listener = new ServerBootstrap().group(eventLoops).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 511) // Redis's tcp-backlog
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    // netty 4.2's default (adaptive) allocator cost more per request: event-loop CPU per plain SET
                    // 10.15 against 9.35 us, per GET 9.38 against 9.15 (6 rounds each, medians)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childHandler(new ConnectionInitializer(context, options.maxRequestBytes()))
                    .bind(options.bind(), options.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            stopThreads();
            throw new IllegalStateException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e, e);
        }
        address = (InetSocketAddress) listener.localAddress();
        context.bound(address.getAddress().getHostAddress(), address.getPort());
    }

    /** Serves {@code engine}, which stays the caller's: {@link #close()} leaves it open. */
    public static WarpServer start(WarpEngine engine, ServerOptions options) {
        return new WarpServer(engine, false, options);
    }

    /**
     * Opens the engine of {@code config} and serves it; {@link #close()} closes it (with its close-time checkpoint).
     * If the server cannot listen, the engine is closed again and the failure thrown.
     */
    public static WarpServer start(EngineConfig config, ServerOptions options) {
        WarpEngine engine = WarpEngine.open(config);
        try {
            return new WarpServer(engine, true, options);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The address and port the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** "epoll" or "nio": the socket layer in use. */
    public String transport() {
        return transport.name();
    }

    public WarpEngine engine() {
        return engine;
    }

    /** Waits until the server is closed (by {@link #close()} from another thread, such as a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
        eventLoops.terminationFuture().sync();
    }

    /**
     * Stops accepting, closes every connection (replies not yet written are lost; writes already published are
     * completed by the engine), stops the server's threads and, when the server opened the engine, closes it.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().syncUninterruptibly();
        stopThreads();
        if (ownsEngine) {
            engine.close();
        }
    }

    private void stopThreads() {
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        background.shutdown();
        try {
            if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the server's background command (a checkpoint or a pass over every "
                        + "key) did not end within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
