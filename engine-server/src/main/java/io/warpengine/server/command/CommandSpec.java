package io.warpengine.server.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One command of the table, described as Redis's COMMAND describes it.
 *
 * @param name     lower case, as error texts name it
 * @param arity    the argument count with the name: n exactly, or -n for at least n
 * @param kind     how it runs
 * @param flags    COMMAND's flags (write, readonly, fast, noauth...)
 * @param firstKey position of the first key (0: none)
 * @param lastKey  position of the last key (-1: the last argument)
 * @param keyStep  distance between keys (2 for MSET's key-value pairs)
 * @param blind    whether a run with these arguments only writes, reading nothing (SET without options, MSET): it
 *                 then joins its event loop's {@link WriteGroup}
 * @param handler  what it does
 */
public record CommandSpec(String name, int arity, Kind kind, Set<String> flags, int firstKey, int lastKey, int keyStep,
                          Predicate<Args> blind, Handler handler) {

    /** The commands that act at once inside MULTI, as in Redis, instead of being queued. */
    private static final Set<String> TRANSACTION_CONTROL = Set.of("multi", "exec", "discard", "quit");

    /** A command without keys; its flags follow from its kind. */
    public static CommandSpec of(String name, int arity, Kind kind, Handler handler) {
        return new CommandSpec(name, arity, kind, defaultFlags(kind), 0, 0, 0, args -> false, handler);
    }

    /** This command with keys at {@code first}, then every {@code step}, up to {@code last}. */
    public CommandSpec keys(int first, int last, int step) {
        return new CommandSpec(name, arity, kind, flags, first, last, step, blind, handler);
    }

    /** This command, a blind write when {@code when} says so (see {@link WriteGroup}). */
    public CommandSpec blindWhen(Predicate<Args> when) {
        return new CommandSpec(name, arity, kind, flags, firstKey, lastKey, keyStep, when, handler);
    }

    /** This command with {@code more} flags. */
    public CommandSpec flag(String... more) {
        Set<String> all = new LinkedHashSet<>(flags);
        all.addAll(List.of(more));
        return new CommandSpec(name, arity, kind, Set.copyOf(all), firstKey, lastKey, keyStep, blind, handler);
    }

    public boolean accepts(int argumentCount) {
        return arity >= 0 ? argumentCount == arity : argumentCount >= -arity;
    }

    /** Whether it may run before AUTH when a password is set. */
    public boolean noAuth() {
        return flags.contains("no_auth");
    }

    /** Whether it runs at once inside MULTI instead of being queued (MULTI, EXEC, DISCARD, QUIT). */
    public boolean controlsTransaction() {
        return TRANSACTION_CONTROL.contains(name);
    }

    /** Whether MULTI may queue it: the key commands, and PING and ECHO. */
    public boolean queueable() {
        return kind == Kind.READ || kind == Kind.WRITE || name.equals("ping") || name.equals("echo");
    }

    /** Its keys as engine keys, or an error reply when one is not valid ({@link KeyCodec}). */
    public List<String> keyNames(Args args, KeyCodec codec) {
        if (firstKey == 0) {
            return List.of();
        }
        int last = lastKey < 0 ? args.size() + lastKey : lastKey;
        if (last == firstKey) {
            return List.of(codec.key(args.bytes(firstKey)));
        }
        List<String> keys = new ArrayList<>();
        for (int i = firstKey; i <= last; i += keyStep) {
            keys.add(codec.key(args.bytes(i)));
        }
        return keys;
    }

    private static Set<String> defaultFlags(Kind kind) {
        return switch (kind) {
            case READ -> Set.of("readonly", "fast");
            case WRITE -> Set.of("write", "denyoom");
            case ENGINE -> Set.of("readonly");
            case BACKGROUND -> Set.of("admin");
            case SESSION, EXEC -> Set.of("fast");
        };
    }
}
