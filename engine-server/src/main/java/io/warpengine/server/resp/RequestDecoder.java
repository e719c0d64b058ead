package io.warpengine.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.util.ReferenceCountUtil;
import io.warpengine.server.command.Args;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers {@link Request}s from the parts netty's RESP decoder emits, which {@link RequestFramer} has checked: an
 * array header, then its bulk strings (a header and content as it arrives), become the arguments, copied into
 * arrays as the bytes come, so every buffer goes back to the pool at once; an inline command ({@code SET k v} typed
 * into telnet) is split as Redis splits it, with double quotes (and their escapes) and single quotes. netty's
 * aggregators are not used: the bulk string aggregator gathers each string into a composite buffer only for it to be
 * copied here, and the array aggregator sizes its list by the header before any argument arrived and never
 * releases the strings of an array still incomplete when its connection closes.
 */
public final class RequestDecoder extends ChannelInboundHandlerAdapter {

    /** Arguments reserved up front, whatever a header announces: the list grows as they arrive. */
    private static final int INITIAL_ARGUMENTS = 16;
    /** Bytes reserved up front for a bulk string, whatever its header announces: the array grows as they arrive. */
    private static final int INITIAL_BULK_BYTES = 64 * 1024;

    /** The arguments of the array being read, or null between requests. */
    private List<byte[]> args;
    private long expected;
    /** The bulk string being read, and how much of it has arrived. */
    private byte[] bulk;
    private int length;
    private int filled;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Request request) { // a protocol error found before this stage
            ctx.fireChannelRead(request);
            return;
        }
        try {
            if (msg instanceof ArrayHeaderRedisMessage header) {
                expected = header.length();
                args = new ArrayList<>((int) Math.min(expected, INITIAL_ARGUMENTS));
            } else if (msg instanceof FullBulkStringRedisMessage empty) { // $0 whole: the decoder's only full string
                argument(ctx, ByteBufUtil.getBytes(empty.content()));
            } else if (msg instanceof BulkStringHeaderRedisMessage header) {
                length = header.bulkStringLength();
                bulk = new byte[Math.min(length, INITIAL_BULK_BYTES)];
                filled = 0;
            } else if (msg instanceof BulkStringRedisContent content) {
                append(content.content());
                if (msg instanceof LastBulkStringRedisContent) {
                    argument(ctx, bulk.length == filled ? bulk : Arrays.copyOf(bulk, filled));
                    bulk = null;
                }
            } else if (msg instanceof InlineCommandRedisMessage inline) {
                inline(ctx, inline.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void append(ByteBuf content) {
        int n = content.readableBytes();
        if (filled + n > bulk.length) {
            bulk = Arrays.copyOf(bulk, (int) Math.min(length, Math.max(filled + n, 2L * bulk.length)));
        }
        content.readBytes(bulk, filled, n);
        filled += n;
    }

    private void argument(ChannelHandlerContext ctx, byte[] arg) {
        args.add(arg);
        if (args.size() == expected) {
            List<byte[]> request = args;
            args = null;
            ctx.fireChannelRead(Request.of(new Args(request)));
        }
    }

    private static void inline(ChannelHandlerContext ctx, String line) {
        List<byte[]> words = split(line.getBytes(StandardCharsets.UTF_8));
        if (words == null) {
            ctx.channel().config().setAutoRead(false);
            ctx.fireChannelRead(Request.protocolError("Protocol error: unbalanced quotes in request"));
        } else if (!words.isEmpty()) { // Redis ignores an empty line
            ctx.fireChannelRead(Request.of(new Args(words)));
        }
    }

    /** The words of an inline command, as Redis's sdssplitargs reads them; null when a quote is unbalanced. */
    static List<byte[]> split(byte[] line) {
        List<byte[]> words = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < line.length && isSpace(line[p])) {
                p++;
            }
            if (p == line.length) {
                return words;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = p < line.length ? line[p] : -1;
                int next = p + 1 < line.length ? line[p + 1] : -1;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && p + 3 < line.length && hex(line[p + 2]) >= 0 && hex(line[p + 3]) >= 0) {
                        word.write(hex(line[p + 2]) * 16 + hex(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && next != -1) {
                        p++;
                        word.write(unescape(next));
                    } else if (c == '"') {
                        if (next != -1 && !isSpace((byte) next)) {
                            return null; // a closing quote must end the word
                        }
                        done = true;
                    } else if (c == -1) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        word.write('\'');
                    } else if (c == '\'') {
                        if (next != -1 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == -1) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else if (c == -1 || isSpace((byte) c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    word.write(c);
                }
                if (p < line.length) {
                    p++;
                }
            }
            words.add(word.toByteArray());
        }
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }
}
