package io.warpengine.server.resp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.warpengine.server.command.Args;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the aggregated requests into {@link Request}s: an array's bulk strings are the arguments (copied, so the
 * buffers go back to the pool at once); an inline command ({@code SET k v} typed into telnet) is split as Redis
 * splits it, with double quotes (and their escapes) and single quotes.
 */
public final class RequestDecoder extends MessageToMessageDecoder<RedisMessage> {

    public RequestDecoder() {
        super(RedisMessage.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RedisMessage msg, List<Object> out) {
        if (msg instanceof ArrayRedisMessage array) {
            List<byte[]> args = new ArrayList<>(array.children().size());
            for (RedisMessage child : array.children()) {
                args.add(ByteBufUtil.getBytes(((FullBulkStringRedisMessage) child).content()));
            }
            out.add(Request.of(new Args(args)));
        } else if (msg instanceof InlineCommandRedisMessage inline) {
            List<byte[]> args = split(inline.content().getBytes(StandardCharsets.UTF_8));
            if (args == null) {
                ctx.channel().config().setAutoRead(false);
                out.add(Request.protocolError("Protocol error: unbalanced quotes in request"));
            } else if (!args.isEmpty()) { // Redis ignores an empty line
                out.add(Request.of(new Args(args)));
            }
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
