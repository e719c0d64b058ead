package io.warpengine.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.warpengine.server.command.CommandRunner;
import io.warpengine.server.command.ServerContext;
import io.warpengine.server.command.Session;
import io.warpengine.server.command.WriteGroup;
import io.warpengine.server.resp.RequestReader;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets up each accepted connection: refused with Redis's error over the client limit, otherwise the request path
 * bytes -> {@link RequestReader} (requests, within the limits) -> {@link Connection}.
 */
final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {

    private static final byte[] TOO_MANY = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerContext server;
    private final CommandRunner runner;
    private final long maxRequestBytes;
    /** One write group per event loop, made when the loop gets its first connection. */
    private final Map<EventLoop, WriteGroup> groups = new ConcurrentHashMap<>();

    ConnectionInitializer(ServerContext server, long maxRequestBytes) {
        this.server = server;
        this.runner = new CommandRunner(server);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        long id = server.stats().tryConnect(server.maxClients());
        if (id < 0) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Session session = new Session(id, String.valueOf(channel.remoteAddress()), !server.requiresPassword());
        channel.pipeline().addLast(new RequestReader(maxRequestBytes), new Connection(runner, server, session,
                        groups.computeIfAbsent(channel.eventLoop(), loop -> new WriteGroup(server, loop))));
    }
}
