package io.warpengine.server.resp;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.warpengine.server.command.Args;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers {@link Request}s from the messages of netty's decoder and bulk string aggregator, which
 * {@link RequestFramer} has checked: an array header, then its bulk strings, become the arguments (copied as each
 * arrives, so no buffer is held between reads); an inline command ({@code SET k v} typed into telnet) is split as
 * Redis splits it, with double quotes (and their escapes) and single quotes. netty's RedisArrayAggregator is not
 * used: it sizes its list by the header before any argument arrived, and keeps the bulk strings of an array still
 * incomplete when its connection closes without ever releasing them.
 */
public final class RequestDecoder extends MessageToMessageDecoder<RedisMessage> {

    /** Arguments reserved up front, whatever a header announces: the list grows as they arrive. */
    private static final int INITIAL_ARGUMENTS = 16;

    /** The arguments of the array being read, or null between requests. */
    private List<byte[]> args;
    private long expected;

    public RequestDecoder() {
        super(RedisMessage.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RedisMessage msg, List<Object> out) {
        if (msg instanceof ArrayHeaderRedisMessage header) {
            expected = header.length();
            args = new ArrayList<>((int) Math.min(expected, INITIAL_ARGUMENTS));
        } else if (msg instanceof FullBulkStringRedisMessage bulk) {
            args.add(ByteBufUtil.getBytes(bulk.content()));
            if (args.size() == expected) {
                out.add(Request.of(new Args(args)));
                args = null;
            }
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
