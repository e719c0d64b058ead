package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** INCR, DECR, INCRBY, DECRBY: a value holding a decimal 64-bit integer, changed atomically (see {@link KeyLocks}). */
final class CounterCommands {

    private CounterCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("incr", 2, Kind.WRITE, call -> add(call, 1)).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("decr", 2, Kind.WRITE, call -> add(call, -1)).keys(1, 1, 1).flag("fast"),
                CommandSpec.of("incrby", 3, Kind.WRITE, call -> add(call, call.args().integer(2)))
                        .keys(1, 1, 1).flag("fast"),
                CommandSpec.of("decrby", 3, Kind.WRITE, CounterCommands::decrby).keys(1, 1, 1).flag("fast"));
    }

    private static Reply decrby(Invocation call) {
        long decrement = call.args().integer(2);
        if (decrement == Long.MIN_VALUE) {
            throw CommandError.err("decrement would overflow");
        }
        return add(call, -decrement);
    }

    /** Adds {@code delta} to the key's integer (0 when absent) and stores the sum as its decimal text; its expiry stays. */
    private static Reply add(Invocation call, long delta) {
        String key = call.key(0);
        KeyOverlay.Entry entry = call.keys().entry(key);
        byte[] old = entry.value();
        long current = 0;
        if (old != null) {
            Long parsed = Args.parseInteger(old);
            if (parsed == null) {
                throw CommandError.notAnInteger();
            }
            current = parsed;
        }
        long sum;
        try {
            sum = Math.addExact(current, delta);
        } catch (ArithmeticException overflow) {
            throw CommandError.err("increment or decrement would overflow");
        }
        call.keys().put(key, Long.toString(sum).getBytes(StandardCharsets.US_ASCII), entry.expiresAt());
        return Reply.integer(sum);
    }
}
