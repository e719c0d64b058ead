package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

import java.util.ArrayList;
import java.util.List;

/**
 * GET, SET, SETNX, GETSET, GETDEL, MGET, MSET, MSETNX, APPEND, STRLEN: values as they are, with Redis's replies. A
 * write that replaces a value removes its expiry (SET without KEEPTTL, GETSET, MSET); one that changes it keeps it
 * (APPEND).
 */
final class StringCommands {

    private StringCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("get", 2, Kind.READ, call -> Reply.bulk(call.keys().get(call.key(0)))).keys(1, 1, 1),
                CommandSpec.of("set", -3, Kind.WRITE, StringCommands::set).keys(1, 1, 1)
                        .blindWhen(args -> args.size() == 3),
                CommandSpec.of("setnx", 3, Kind.WRITE, StringCommands::setnx).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("getset", 3, Kind.WRITE, StringCommands::getset).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("getdel", 2, Kind.WRITE, StringCommands::getdel).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("mget", -2, Kind.READ, StringCommands::mget).keys(1, -1, 1),
                CommandSpec.of("mset", -3, Kind.WRITE, StringCommands::mset).keys(1, -1, 2)
                        .blindWhen(args -> args.size() % 2 == 1),
                CommandSpec.of("msetnx", -3, Kind.WRITE, StringCommands::msetnx).keys(1, -1, 2),
                CommandSpec.of("append", 3, Kind.WRITE, StringCommands::append).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("strlen", 2, Kind.READ, StringCommands::strlen).keys(1, 1, 1));
    }

    /**
     * SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]: without an expiry option the key no longer
     * expires, with KEEPTTL it keeps the expiry it had.
     */
    private static Reply set(Invocation call) {
        Args args = call.args();
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        long expiresAt = 0;
        for (int i = 3; i < args.size(); i++) {
            boolean noExpiryYet = expiresAt == 0 && !keepTtl;
            if (args.is(i, "nx") && !xx) {
                nx = true;
            } else if (args.is(i, "xx") && !nx) {
                xx = true;
            } else if (args.is(i, "get")) {
                get = true;
            } else if (noExpiryYet && args.is(i, "keepttl")) {
                keepTtl = true;
            } else if (noExpiryYet && i + 1 < args.size() && (args.is(i, "ex") || args.is(i, "px")
                    || args.is(i, "exat") || args.is(i, "pxat"))) {
                boolean seconds = args.is(i, "ex") || args.is(i, "exat");
                boolean absolute = args.is(i, "exat") || args.is(i, "pxat");
                long amount = args.integer(++i);
                if (amount <= 0) {
                    throw ExpiryCommands.invalidExpireTime(call);
                }
                expiresAt = ExpiryCommands.expiryTime(call, amount, seconds ? 1000 : 1, absolute);
            } else {
                throw CommandError.syntax();
            }
        }
        String key = call.key(0);
        KeyOverlay.Entry entry = nx || xx || get || keepTtl ? call.keys().entry(key) : KeyOverlay.Entry.ABSENT;
        byte[] old = entry.value();
        boolean write = !(nx && old != null) && !(xx && old == null);
        if (write) {
            call.keys().put(key, args.bytes(2), keepTtl ? entry.expiresAt() : expiresAt);
        }
        if (get) {
            return Reply.bulk(old);
        }
        return write ? Reply.OK : Reply.NIL;
    }

    private static Reply setnx(Invocation call) {
        if (call.keys().exists(call.key(0))) {
            return Reply.ZERO;
        }
        call.keys().put(call.key(0), call.args().bytes(2));
        return Reply.ONE;
    }

    private static Reply getset(Invocation call) {
        byte[] old = call.keys().get(call.key(0));
        call.keys().put(call.key(0), call.args().bytes(2));
        return Reply.bulk(old);
    }

    private static Reply getdel(Invocation call) {
        byte[] old = call.keys().get(call.key(0));
        if (old != null) {
            call.keys().delete(call.key(0));
        }
        return Reply.bulk(old);
    }

    /** All values read at one point of the engine's sequence (getAll): never part of another client's MSET. */
    private static Reply mget(Invocation call) {
        List<Reply> values = new ArrayList<>();
        for (byte[] value : call.keys().getAll(call.keyNames())) {
            values.add(Reply.bulk(value));
        }
        return new Reply.ArrayReply(values);
    }

    /** All pairs in one atomic batch. */
    private static Reply mset(Invocation call) {
        checkPairs(call);
        for (int i = 0; i < call.keyNames().size(); i++) {
            call.keys().put(call.key(i), call.args().bytes(2 + 2 * i));
        }
        return Reply.OK;
    }

    private static Reply msetnx(Invocation call) {
        checkPairs(call);
        for (byte[] value : call.keys().getAll(call.keyNames())) {
            if (value != null) {
                return Reply.ZERO;
            }
        }
        mset(call);
        return Reply.ONE;
    }

    private static void checkPairs(Invocation call) {
        if (call.args().size() % 2 == 0) {
            throw CommandError.wrongArity(call.args().name());
        }
    }

    /** The value grows; its expiry stays, as in Redis. */
    private static Reply append(Invocation call) {
        KeyOverlay.Entry entry = call.keys().entry(call.key(0));
        byte[] old = entry.value();
        byte[] tail = call.args().bytes(2);
        byte[] value = tail;
        if (old != null) {
            value = new byte[old.length + tail.length];
            System.arraycopy(old, 0, value, 0, old.length);
            System.arraycopy(tail, 0, value, old.length, tail.length);
        }
        call.keys().put(call.key(0), value, entry.expiresAt());
        return Reply.integer(value.length);
    }

    private static Reply strlen(Invocation call) {
        byte[] value = call.keys().get(call.key(0));
        return Reply.integer(value == null ? 0 : value.length);
    }
}
