package io.warpengine.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.warpengine.server.command.CommandRunner;
import io.warpengine.server.command.Outcome;
import io.warpengine.server.command.ServerContext;
import io.warpengine.server.command.Session;
import io.warpengine.server.command.WriteGroup;
import io.warpengine.server.resp.Reply;
import io.warpengine.server.resp.Request;
import io.warpengine.server.resp.RequestBatch;
import io.warpengine.server.resp.RequestReader;
import io.warpengine.server.resp.RespWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection, on its event loop: runs its requests in order and answers them in order. A write is
 * published (or, if it reads nothing, joins the loop's {@link WriteGroup}) and the next request runs before the
 * write is applied (its reply waits in the queue), so a pipeline's writes reach the engine together; a request that
 * must see an earlier write, or that runs in the background, holds back the requests after it until it can go on.
 * Replies go out in request order, those of one read (a pipeline) together in one buffer at the end of the read, the
 * later ones as they become ready, each batch flushed once. Reading pauses while
 * {@value #MAX_QUEUED} requests wait to run or to be answered, or while the client does not read its replies.
 */
final class Connection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    static final int MAX_QUEUED = 1024;

    /** A reply in request order: ready now, or when its future completes; written in the protocol of its time. */
    private record Slot(int protocol, Reply reply, CompletableFuture<Reply> future) {
        boolean ready() {
            return reply != null || future.isDone();
        }

        Reply get() {
            return reply != null ? reply : future.join();
        }
    }

    private final CommandRunner runner;
    private final ServerContext server;
    private final Session session;
    /** The blind writes of this connection's event loop, published at the end of the loop's turn. */
    private final WriteGroup group;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    /** The replies that wait for an earlier one, or for their own future, in request order. */
    private final ArrayDeque<Slot> replies = new ArrayDeque<>();
    /** Replies written in request order and not yet handed to the channel; null when there are none. */
    private ByteBuf out;
    private ChannelHandlerContext ctx;
    /** What the request at the head of the queue waits for before it (or the next one) runs; null: nothing. */
    private CompletableFuture<?> waitingFor;
    /** Whether {@link #afterCompletion} is queued to run on the event loop. */
    private final AtomicBoolean completionScheduled = new AtomicBoolean();
    /** After QUIT or a protocol error: no request runs any more, and the connection closes once answered. */
    private boolean closing;

    Connection(CommandRunner runner, ServerContext server, Session session, WriteGroup group) {
        this.runner = runner;
        this.server = server;
        this.session = session;
        this.group = group;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Runs the read's requests; their replies are written together, at {@link #channelReadComplete}. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!closing) {
            requests.addAll(((RequestBatch) msg).requests());
            run();
        }
    }

    /** The replies of a read's requests (a pipeline's) go out as one buffer, in one write. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        writeReplies();
        updateReading();
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        requests.clear();
        if (out != null) {
            out.release();
            out = null;
        }
        server.stats().disconnected();
        ctx.fireChannelInactive();
    }

    /**
     * A frame the decoder cannot read closes the connection after Redis's protocol error; a reset by the peer, or a
     * peer gone in the middle of a request, closes it quietly; anything else is a fault of the server, logged.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            ctx.channel().config().setAutoRead(false);
            channelRead(ctx, RequestBatch.of(Request.protocolError(RequestReader.protocolError(cause))));
            ctx.flush();
        } else {
            if (!(cause instanceof IOException) && !(cause instanceof PrematureChannelClosureException)) {
                LOG.warn("connection {} ({}) closed after an unexpected failure", session.id(), session.address(),
                        cause);
            }
            ctx.close();
        }
    }

    /** Runs the queued requests until one must wait, then writes the replies that are ready. */
    private void runRequests() {
        run();
        writeReplies();
        updateReading();
    }

    /** Runs the queued requests until one must wait. */
    private void run() {
        while (!closing && waitingFor == null && !requests.isEmpty()) {
            Request request = requests.peek();
            if (request.protocolError() != null) {
                requests.clear();
                answer(Reply.error("ERR " + request.protocolError()));
                closing = true;
                break;
            }
            Outcome outcome = runner.run(session, request.args(), group);
            if (outcome instanceof Outcome.Retry retry) {
                waitFor(retry.after());
                break;
            }
            requests.poll();
            if (outcome instanceof Outcome.Done done) {
                answer(done.reply());
            } else if (outcome instanceof Outcome.Later later) {
                replies.add(new Slot(session.protocol(), null, later.reply()));
                later.reply().whenComplete((reply, e) -> scheduleCompletion());
            } else if (outcome instanceof Outcome.Barrier barrier) {
                replies.add(new Slot(session.protocol(), null, barrier.reply()));
                waitFor(barrier.reply());
            }
            closing = session.quitting();
        }
    }

    /** A reply ready now: written at once unless an earlier one is still to come (most are: no object waits). */
    private void answer(Reply reply) {
        if (replies.isEmpty()) {
            RespWriter.write(reply, session.protocol(), buffer());
        } else {
            replies.add(new Slot(session.protocol(), reply, null));
        }
    }

    private ByteBuf buffer() {
        if (out == null) {
            out = ctx.alloc().ioBuffer();
        }
        return out;
    }

    /** The requests wait for {@code future}; once it is done they run again, on this connection's event loop. */
    private void waitFor(CompletableFuture<?> future) {
        waitingFor = future;
        future.whenComplete((result, e) -> ctx.executor().execute(() -> {
            waitingFor = null;
            runRequests();
            ctx.flush();
        }));
    }

    /**
     * Any thread: writes the replies that became ready, on the event loop. One task at a time: a pipeline's writes
     * complete together, and one task answers them all.
     */
    private void scheduleCompletion() {
        if (!completionScheduled.getAndSet(true)) {
            ctx.executor().execute(this::afterCompletion);
        }
    }

    private void afterCompletion() {
        completionScheduled.set(false);
        writeReplies();
        updateReading();
        ctx.flush();
    }

    /**
     * Hands the replies written so far, and the ready ones at the head of the queue, to the channel as one buffer;
     * closes once the last one is out.
     */
    private void writeReplies() {
        if (!ctx.channel().isActive()) {
            return;
        }
        while (!replies.isEmpty() && replies.peek().ready()) {
            Slot slot = replies.poll();
            RespWriter.write(slot.get(), slot.protocol(), buffer());
        }
        if (out != null) {
            ctx.write(out);
            out = null;
        }
        if (closing && replies.isEmpty()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void updateReading() {
        boolean read = !closing && requests.size() < MAX_QUEUED && replies.size() < MAX_QUEUED
                && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }
}
