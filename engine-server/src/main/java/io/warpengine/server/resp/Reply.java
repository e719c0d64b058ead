package io.warpengine.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply as a typed value, written by {@link RespWriter} in the protocol the connection speaks: the RESP3 types
 * (map, null, double, boolean, verbatim text) fall back to their RESP2 shapes as Redis does.
 */
public sealed interface Reply {

    Reply OK = new SimpleString("OK");
    Reply QUEUED = new SimpleString("QUEUED");
    Reply PONG = new SimpleString("PONG");
    Reply NIL = new NullReply();
    Reply ZERO = new IntegerReply(0);
    Reply ONE = new IntegerReply(1);
    Reply EMPTY_ARRAY = new ArrayReply(List.of());

    /** {@code +text}: a status line, such as OK. */
    record SimpleString(String text) implements Reply {
    }

    /** {@code -text}: the text starts with its code (ERR, NOAUTH, WRONGPASS...), as Redis's errors do. */
    record ErrorReply(String text) implements Reply {
    }

    /** {@code :n}. */
    record IntegerReply(long value) implements Reply {
    }

    /** {@code $n} and the bytes. */
    record BulkReply(byte[] bytes) implements Reply {
    }

    /** RESP3 {@code _}; in RESP2 the null bulk string {@code $-1}. */
    record NullReply() implements Reply {
    }

    /** {@code *n} and the items. */
    record ArrayReply(List<Reply> items) implements Reply {
    }

    /** RESP3 {@code %n} and n key-value pairs; in RESP2 a flat array of 2n items. */
    record MapReply(List<Reply> keysAndValues) implements Reply {
        public MapReply {
            if (keysAndValues.size() % 2 != 0) {
                throw new IllegalArgumentException("a map reply needs pairs, got " + keysAndValues.size() + " items");
            }
        }
    }

    /** RESP3 {@code ,x}; in RESP2 a bulk string of the number. */
    record DoubleReply(double value) implements Reply {
    }

    /** RESP3 {@code #t} or {@code #f}; in RESP2 the integer 1 or 0. */
    record BooleanReply(boolean value) implements Reply {
    }

    /** RESP3 verbatim text ({@code =n} with the {@code txt:} format); in RESP2 a bulk string of the text. */
    record VerbatimReply(String text) implements Reply {
    }

    /**
     * 1 or 0 as the engine answers the command's one write (an EXPIRE or PERSIST: whether it changed the key, judged
     * when the write applies); {@code judged}, the command's own answer, where the write is not published alone (in
     * a transaction's batch).
     */
    record FromWrite(Reply judged) implements Reply {
    }

    static Reply error(String text) {
        return new ErrorReply(text);
    }

    static Reply integer(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new IntegerReply(value);
    }

    static Reply bulk(byte[] bytes) {
        return bytes == null ? NIL : new BulkReply(bytes);
    }

    static Reply bulk(String text) {
        return new BulkReply(text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply array(List<? extends Reply> items) {
        return new ArrayReply(List.copyOf(items));
    }

    /** A map reply of text keys and bulk string values, in their order. */
    static Reply textMap(java.util.Map<String, String> entries) {
        List<Reply> items = new ArrayList<>(entries.size() * 2);
        entries.forEach((k, v) -> {
            items.add(bulk(k));
            items.add(bulk(v));
        });
        return new MapReply(items);
    }
}
