package io.warpengine.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * Checks the parts netty's {@code RedisDecoder} emits before {@link RequestDecoder} gathers them, so that no
 * request can make the server hold more than its limits: a request is an array of at most {@link #MAX_ARGUMENTS}
 * bulk strings (or an inline command), of at most {@code maxRequestBytes} in all. The first part that breaks a rule
 * stops the connection's reading and is passed on as a {@link Request#protocolError}: the connection answers its
 * earlier requests, then the error (Redis's text), then closes. netty's decoder alone accepts bulk strings of up
 * to 512 MiB each, in arrays of any length.
 *
 * <p>{@link #byteCounter()} goes before the decoder: a line (an array or bulk length, an inline command) that never
 * ends would otherwise grow the decoder's buffer without limit, since the decoder emits nothing until the line ends.
 */
public final class RequestFramer extends ChannelInboundHandlerAdapter {

    /** Redis's limit on the arguments of one request. */
    public static final int MAX_ARGUMENTS = 1024 * 1024;
    /**
     * Bytes the decoder may take in without emitting a part: more than an inline command (at most 64 KiB, the
     * decoder's own limit) and one read (netty reads at most 64 KiB at a time) can hold.
     */
    static final int MAX_BYTES_WITHOUT_PART = 1024 * 1024;

    private final long maxRequestBytes;
    /** Bulk strings still to come in the request being read; 0 between requests. */
    private long argumentsLeft;
    /** Bytes of bulk strings announced so far in this request. */
    private long requestBytes;
    private boolean inBulkString;
    private boolean failed;
    /** Bytes received since the decoder last emitted a part. */
    private long bytesWithoutPart;

    public RequestFramer(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        bytesWithoutPart = 0;
        String problem = check(msg);
        if (problem != null) {
            ReferenceCountUtil.release(msg);
            fail(ctx, problem);
        } else if (msg instanceof ArrayHeaderRedisMessage header && header.length() <= 0) {
            ReferenceCountUtil.release(msg); // Redis skips an empty or null array without a reply
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** What is wrong with the next part, in Redis's words, or null. */
    private String check(Object part) {
        if (inBulkString) {
            if (part instanceof LastBulkStringRedisContent) {
                inBulkString = false;
                argumentsLeft--;
            }
            return null;
        }
        if (argumentsLeft == 0) {
            if (part instanceof ArrayHeaderRedisMessage header) {
                if (header.length() > MAX_ARGUMENTS) {
                    return "invalid multibulk length";
                }
                argumentsLeft = Math.max(0, header.length());
                requestBytes = 0;
                return null;
            }
            return part instanceof InlineCommandRedisMessage ? null : "expected '*', got '" + typeOf(part) + "'";
        }
        if (part instanceof FullBulkStringRedisMessage full) { // an empty or a null bulk string, whole
            argumentsLeft--;
            return full.isNull() ? "invalid bulk length" : null;
        }
        if (part instanceof BulkStringHeaderRedisMessage header) {
            requestBytes += header.bulkStringLength();
            if (requestBytes > maxRequestBytes) {
                return "invalid bulk length";
            }
            inBulkString = true;
            return null;
        }
        return "expected '$', got '" + typeOf(part) + "'";
    }

    /**
     * The protocol error for a frame netty's decoder refused itself, in Redis's words where they differ: the decoder
     * refuses a bulk string over 512 MiB (its own limit, above any this server allows) before this framer sees it.
     */
    public static String protocolError(Throwable decoderFailure) {
        Throwable root = decoderFailure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        boolean overNettysLimit = message.matches("length: \\d+ \\(expected: <= \\d+\\)");
        return "Protocol error: " + (overNettysLimit ? "invalid bulk length" : message);
    }

    private void fail(ChannelHandlerContext ctx, String problem) {
        failed = true;
        ctx.channel().config().setAutoRead(false);
        ctx.fireChannelRead(Request.protocolError("Protocol error: " + problem));
    }

    private static char typeOf(Object part) {
        if (part instanceof ArrayHeaderRedisMessage) {
            return '*';
        } else if (part instanceof SimpleStringRedisMessage) {
            return '+';
        } else if (part instanceof ErrorRedisMessage) {
            return '-';
        } else if (part instanceof IntegerRedisMessage) {
            return ':';
        } else if (part instanceof BulkStringRedisContent || part instanceof BulkStringHeaderRedisMessage) {
            return '$';
        }
        return '?';
    }

    /** The handler that goes before the decoder and stops a connection whose line never ends. */
    public ChannelInboundHandlerAdapter byteCounter() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (failed) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof ByteBuf bytes) {
                    bytesWithoutPart += bytes.readableBytes();
                    if (bytesWithoutPart > MAX_BYTES_WITHOUT_PART) {
                        ReferenceCountUtil.release(msg);
                        fail(ctx.pipeline().context(RequestFramer.this), "too big inline request or length line");
                        return;
                    }
                }
                ctx.fireChannelRead(msg);
            }
        };
    }
}
