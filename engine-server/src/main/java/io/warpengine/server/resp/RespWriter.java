package io.warpengine.server.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Reply} values as RESP2 or RESP3. netty-codec-redis 4.2.7 has RESP2's types only, and its encoder
 * refuses any other message inside an array, so a RESP3 map could not even nest in one of its arrays: replies are
 * written here, for both protocols, in the form that codec's decoder reads back (RespWriterTest checks both
 * protocols by round trip, RESP2 through netty's decoder and RESP3 through Jedis's).
 */
public final class RespWriter {

    /** The protocol of a new connection, and after {@code HELLO 2}. */
    public static final int RESP2 = 2;
    /** After {@code HELLO 3}. */
    public static final int RESP3 = 3;

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_RESP3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERBATIM_FORMAT = "txt:".getBytes(StandardCharsets.US_ASCII);

    private RespWriter() {
    }

    /** Appends {@code reply} to {@code out} in protocol {@code protocol} ({@link #RESP2} or {@link #RESP3}). */
    public static void write(Reply reply, int protocol, ByteBuf out) {
        boolean resp3 = protocol == RESP3;
        if (reply instanceof Reply.BulkReply b) {
            bulk(out, b.bytes());
        } else if (reply instanceof Reply.SimpleString s) {
            line(out, '+', s.text());
        } else if (reply instanceof Reply.IntegerReply i) {
            number(out, ':', i.value());
        } else if (reply instanceof Reply.NullReply) {
            out.writeBytes(resp3 ? NULL_RESP3 : NULL_BULK);
        } else if (reply instanceof Reply.ErrorReply e) {
            line(out, '-', e.text());
        } else if (reply instanceof Reply.ArrayReply a) {
            number(out, '*', a.items().size());
            a.items().forEach(item -> write(item, protocol, out));
        } else if (reply instanceof Reply.MapReply m) {
            int items = m.keysAndValues().size();
            number(out, resp3 ? '%' : '*', resp3 ? items / 2 : items);
            m.keysAndValues().forEach(item -> write(item, protocol, out));
        } else if (reply instanceof Reply.DoubleReply d) {
            if (resp3) {
                line(out, ',', doubleText(d.value()));
            } else {
                bulk(out, doubleText(d.value()).getBytes(StandardCharsets.US_ASCII));
            }
        } else if (reply instanceof Reply.BooleanReply b) {
            if (resp3) {
                line(out, '#', b.value() ? "t" : "f");
            } else {
                number(out, ':', b.value() ? 1 : 0);
            }
        } else if (reply instanceof Reply.FromWrite w) {
            write(w.judged(), protocol, out);
        } else if (reply instanceof Reply.VerbatimReply v) {
            byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
            if (resp3) {
                number(out, '=', VERBATIM_FORMAT.length + text.length);
                out.writeBytes(VERBATIM_FORMAT).writeBytes(text).writeBytes(CRLF);
            } else {
                bulk(out, text);
            }
        } else {
            throw new IllegalArgumentException("no RESP form for " + reply);
        }
    }

    /** A double as RESP3 writes it: {@code inf}, {@code -inf}, {@code nan}, or the shortest decimal that reads back. */
    static String doubleText(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static void bulk(ByteBuf out, byte[] bytes) {
        number(out, '$', bytes.length);
        out.writeBytes(bytes).writeBytes(CRLF);
    }

    /** A status or error line: CR and LF inside would end the line early, so they become spaces (as Redis does). */
    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        out.writeBytes(text.replace('\r', ' ').replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
        out.writeBytes(CRLF);
    }

    /**
     * {@code type}, then {@code value} in decimal digits written straight into the buffer (every reply has one),
     * last digit first: dividing by the constant 10 compiles to a multiplication, where the digits taken first
     * needed two divisions by a variable power of ten each (a tenth of a pipelined GET's time in the profile).
     */
    private static void number(ByteBuf out, char type, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeByte(type);
            out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
            return;
        }
        long magnitude = Math.abs(value);
        int digits = 1;
        for (long limit = 10; digits < 19 && magnitude >= limit; limit *= 10) {
            digits++;
        }
        int sign = value < 0 ? 1 : 0;
        int length = 1 + sign + digits + 2;
        out.ensureWritable(length);
        int at = out.writerIndex();
        out.setByte(at, type);
        if (sign == 1) {
            out.setByte(at + 1, '-');
        }
        for (int i = at + sign + digits; i > at + sign; i--) {
            out.setByte(i, (int) ('0' + magnitude % 10));
            magnitude /= 10;
        }
        out.setByte(at + length - 2, '\r');
        out.setByte(at + length - 1, '\n');
        out.writerIndex(at + length);
    }
}
