package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

import java.util.List;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX, XX, GT, LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, SETEX,
 * PSETEX: key expiry, kept by the engine (journaled expiry times, judged by its clock), with Redis's replies.
 */
final class ExpiryCommands {

    private ExpiryCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("expire", -3, Kind.WRITE, call -> expire(call, 1000, false)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("pexpire", -3, Kind.WRITE, call -> expire(call, 1, false)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("expireat", -3, Kind.WRITE, call -> expire(call, 1000, true)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("pexpireat", -3, Kind.WRITE, call -> expire(call, 1, true)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("ttl", 2, Kind.READ, call -> ttl(call, 1000)).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("pttl", 2, Kind.READ, call -> ttl(call, 1)).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("expiretime", 2, Kind.READ, call -> expireTime(call, 1000)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("pexpiretime", 2, Kind.READ, call -> expireTime(call, 1)).keys(1, 1, 1)
                        .flag("fast"),
                CommandSpec.of("persist", 2, Kind.WRITE, ExpiryCommands::persist).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("setex", 4, Kind.WRITE, call -> setex(call, 1000)).keys(1, 1, 1),
                CommandSpec.of("psetex", 4, Kind.WRITE, call -> setex(call, 1)).keys(1, 1, 1));
    }

    /**
     * The absolute expiry time, ms since the epoch, of {@code amount} in {@code unitMillis} units, relative to now or
     * absolute; Redis's error for one that overflows. A time at or before the epoch becomes 1 (long past).
     */
    static long expiryTime(Invocation call, long amount, long unitMillis, boolean absolute) {
        try {
            long millis = Math.multiplyExact(amount, unitMillis);
            long at = absolute ? millis : Math.addExact(call.keys().nowMillis(), millis);
            return Math.max(1, at);
        } catch (ArithmeticException overflow) {
            throw invalidExpireTime(call);
        }
    }

    static CommandError invalidExpireTime(Invocation call) {
        return CommandError.err("invalid expire time in '" + call.args().name() + "' command");
    }

    /** EXPIRE key amount [NX | XX | GT | LT]: 1 if the expiry was set, 0 if the key is absent or a condition failed. */
    private static Reply expire(Invocation call, long unitMillis, boolean absolute) {
        Args args = call.args();
        long at = expiryTime(call, args.integer(2), unitMillis, absolute);
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < args.size(); i++) {
            if (args.is(i, "nx")) {
                nx = true;
            } else if (args.is(i, "xx")) {
                xx = true;
            } else if (args.is(i, "gt")) {
                gt = true;
            } else if (args.is(i, "lt")) {
                lt = true;
            } else {
                throw CommandError.err("Unsupported option " + args.text(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw CommandError.err("NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw CommandError.err("GT and LT options at the same time are not compatible");
        }
        String key = call.key(0);
        KeyOverlay.Entry entry = call.keys().entry(key);
        if (entry.value() == null) {
            return Reply.ZERO;
        }
        long current = entry.expiresAt(); // 0: never, which GT and LT take as an infinite time
        if (nx && current != 0 || xx && current == 0 || gt && (current == 0 || at <= current)
                || lt && current != 0 && at >= current) {
            return Reply.ZERO;
        }
        call.keys().expire(key, at);
        return new Reply.FromWrite(Reply.ONE); // the engine judges again as it applies: the key may expire meanwhile
    }

    /** TTL and PTTL: -2 for an absent key, -1 for one that never expires, else the time left (TTL rounds). */
    private static Reply ttl(Invocation call, long unitMillis) {
        KeyOverlay.Entry entry = call.keys().entry(call.key(0));
        if (entry.value() == null) {
            return Reply.integer(-2);
        }
        long at = entry.expiresAt();
        if (at == 0) {
            return Reply.integer(-1);
        }
        long left = Math.max(0, at - call.keys().nowMillis());
        return Reply.integer(unitMillis == 1 ? left : (left + 500) / 1000);
    }

    /** EXPIRETIME and PEXPIRETIME: -2, -1, or the absolute expiry time in ms, or in seconds rounded as Redis does. */
    private static Reply expireTime(Invocation call, long unitMillis) {
        KeyOverlay.Entry entry = call.keys().entry(call.key(0));
        if (entry.value() == null) {
            return Reply.integer(-2);
        }
        long at = entry.expiresAt();
        return Reply.integer(at == 0 ? -1 : unitMillis == 1 ? at : (at + 500) / 1000);
    }

    private static Reply persist(Invocation call) {
        String key = call.key(0);
        KeyOverlay.Entry entry = call.keys().entry(key);
        if (entry.value() == null || entry.expiresAt() == 0) {
            return Reply.ZERO;
        }
        call.keys().expire(key, 0);
        return new Reply.FromWrite(Reply.ONE);
    }

    /** SETEX key seconds value, PSETEX key ms value. */
    private static Reply setex(Invocation call, long unitMillis) {
        long amount = call.args().integer(2);
        if (amount <= 0) {
            throw invalidExpireTime(call);
        }
        call.keys().put(call.key(0), call.args().bytes(3), expiryTime(call, amount, unitMillis, false));
        return Reply.OK;
    }
}
