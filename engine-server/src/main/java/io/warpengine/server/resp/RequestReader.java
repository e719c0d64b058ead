package io.warpengine.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.warpengine.server.command.Args;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link Request}s straight from a connection's bytes: a RESP array of bulk strings, or an inline command
 * ({@code SET k v} typed into telnet, split as Redis splits it, see {@link InlineCommands}); those of one read are
 * passed on together, as one {@link RequestBatch}. One pass over the bytes,
 * each argument copied once into its own array, and nothing else allocated per part: netty's {@code RedisDecoder}
 * emitted four to seven messages per request (headers, contents, each a retained slice), and with the two stages
 * that checked and gathered them that was the largest share of the server's time under pipelined GETs.
 *
 * <p>Limits, so that no request makes the server hold more than it allows: an array of at most
 * {@link #MAX_ARGUMENTS} bulk strings of at most {@code maxRequestBytes} in all, a length or inline line of at most
 * {@link #MAX_LINE_BYTES}. A request that breaks a rule, or a malformed one, becomes a
 * {@link Request#protocolError} (Redis's text) and the connection stops reading: it answers its earlier requests,
 * then the error, then closes. Nothing of a request that did not arrive whole is passed on.
 */
public final class RequestReader extends ByteToMessageDecoder {

    /** Redis's limit on the arguments of one request. */
    public static final int MAX_ARGUMENTS = 1024 * 1024;
    /** Redis's limit on an inline command, and more than any length line needs. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Arguments reserved up front, whatever a header announces: the list grows as they arrive. */
    private static final int INITIAL_ARGUMENTS = 16;

    private final long maxRequestBytes;
    /** The arguments of the array being read, or null between requests. */
    private List<byte[]> args;
    private long expected;
    /** Bytes of bulk strings announced so far in the array being read. */
    private long requestBytes;
    /** The length of the bulk string whose header was read, or -1 when the next part is a header. */
    private int bulkLength = -1;
    private boolean failed;

    public RequestReader(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        List<Request> read = new ArrayList<>();
        String problem = null;
        while (problem == null && in.isReadable()) {
            int before = in.readerIndex();
            problem = args == null ? startRequest(in, read) : readArgument(in, read);
            if (problem == null && in.readerIndex() == before) {
                break; // the rest has not arrived yet
            }
        }
        if (problem != null) {
            failed = true;
            ctx.channel().config().setAutoRead(false);
            in.skipBytes(in.readableBytes());
            args = null;
            read.add(Request.protocolError("Protocol error: " + problem));
        }
        if (!read.isEmpty()) {
            out.add(new RequestBatch(read));
        }
    }

    /** Reads an array header (or an inline command); null when fine or incomplete, else the problem. */
    private String startRequest(ByteBuf in, List<Request> out) {
        int start = in.readerIndex();
        if (in.getByte(start) != '*') {
            return inline(in, out);
        }
        int eol = lineEnd(in);
        if (eol < 0) {
            return in.readableBytes() > MAX_LINE_BYTES ? "too big mbulk count string" : null;
        }
        long count = parseNumber(in, start + 1, eol);
        in.readerIndex(eol + 2);
        if (count == Long.MIN_VALUE || count > MAX_ARGUMENTS) {
            return "invalid multibulk length";
        }
        if (count > 0) { // Redis skips an empty or null array without a reply
            expected = count;
            args = new ArrayList<>((int) Math.min(count, INITIAL_ARGUMENTS));
            requestBytes = 0;
            bulkLength = -1;
        }
        return null;
    }

    /** Reads a bulk string's header, or its content once all of it is here; null when fine or incomplete. */
    private String readArgument(ByteBuf in, List<Request> out) {
        int start = in.readerIndex();
        if (bulkLength < 0) {
            byte type = in.getByte(start);
            if (type != '$') {
                return "expected '$', got '" + (char) type + "'";
            }
            int eol = lineEnd(in);
            if (eol < 0) {
                return in.readableBytes() > MAX_LINE_BYTES ? "too big bulk count string" : null;
            }
            long length = parseNumber(in, start + 1, eol);
            in.readerIndex(eol + 2);
            if (length < 0 || (requestBytes += length) > maxRequestBytes) {
                return "invalid bulk length";
            }
            bulkLength = (int) length;
            return null;
        }
        if (in.readableBytes() < bulkLength + 2) {
            return null;
        }
        if (in.getByte(start + bulkLength) != '\r' || in.getByte(start + bulkLength + 1) != '\n') {
            return "expected CRLF after a bulk string of " + bulkLength + " bytes";
        }
        byte[] arg = new byte[bulkLength];
        in.readBytes(arg);
        in.skipBytes(2);
        bulkLength = -1;
        args.add(arg);
        if (args.size() == expected) {
            out.add(Request.of(new Args(args)));
            args = null;
        }
        return null;
    }

    /** An inline command: a line of words, ended by LF (a CR before it is dropped); an empty line is skipped. */
    private static String inline(ByteBuf in, List<Request> out) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            return in.readableBytes() > MAX_LINE_BYTES ? "too big inline request" : null;
        }
        int length = lf - in.readerIndex();
        if (length > MAX_LINE_BYTES) {
            return "too big inline request";
        }
        byte[] line = new byte[length > 0 && in.getByte(lf - 1) == '\r' ? length - 1 : length];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(lf + 1);
        List<byte[]> words = InlineCommands.split(line);
        if (words == null) {
            return "unbalanced quotes in request";
        }
        if (!words.isEmpty()) {
            out.add(Request.of(new Args(words)));
        }
        return null;
    }

    /** The protocol error of a failure inside the decoding (not a malformed request: those are read as such). */
    public static String protocolError(Throwable decoderFailure) {
        Throwable root = decoderFailure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "Protocol error: " + root.getMessage();
    }

    /** The index of the CR of the CRLF ending the line at the reader index, or -1 when it has not arrived. */
    private static int lineEnd(ByteBuf in) {
        int limit = Math.min(in.readableBytes(), MAX_LINE_BYTES);
        int cr = in.indexOf(in.readerIndex(), in.readerIndex() + limit, (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            return -1;
        }
        return cr; // a CR not followed by LF is a malformed number below
    }

    /** The decimal number in {@code [from, to)}, followed by CRLF; {@code Long.MIN_VALUE} when it is not one. */
    private static long parseNumber(ByteBuf in, int from, int to) {
        if (in.getByte(to + 1) != '\n' || from == to || to - from > 18) { // 18 digits cannot overflow a long
            return Long.MIN_VALUE;
        }
        boolean negative = in.getByte(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
