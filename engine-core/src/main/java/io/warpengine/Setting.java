package io.warpengine;

import io.warpengine.journal.Journal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** Every configuration setting: its name in the configuration file, and how a value is parsed and checked. */
enum Setting {
    DATA_DIR("data.dir", "a directory path", Path::of),
    SHARDS("shards", "an integer from 1 to 64", v -> intIn(v, 1, 64)),
    RING_SIZE("ring.size", "a power of two from 64 to 4194304", v -> powerOfTwo(intIn(v, 64, 1 << 22))),
    WAIT_STRATEGY("wait.strategy", names(WaitStrategyKind.values(), WaitStrategyKind::configName),
            v -> byName(v, WaitStrategyKind.values(), WaitStrategyKind::configName)),
    DURABILITY("durability", names(Durability.values(), Durability::configName),
            v -> byName(v, Durability.values(), Durability::configName)),
    REPLY_YIELD_MICROS("reply.yield.micros", "an integer from 0 to 10000", v -> intIn(v, 0, 10_000)),
    KEY_MAX_BYTES("key.max.bytes", "an integer from 1 to 65536", v -> intIn(v, 1, 65_536)),
    VALUE_MAX_BYTES("value.max.bytes", "an integer from 0 to 268435456", v -> intIn(v, 0, 1 << 28)),
    JOURNAL_ROLL_CYCLE("journal.roll.cycle", "one of " + Journal.ROLL_CYCLES,
            v -> byName(v, Journal.ROLL_CYCLES.toArray(new String[0]), s -> s)),
    CHECKPOINT_EVERY_OPERATIONS("checkpoint.every.operations", "an integer from 0 (never) to 1000000000",
            v -> intIn(v, 0, 1_000_000_000)),
    CHECKPOINT_EVERY_SECONDS("checkpoint.every.seconds", "an integer from 0 (never) to 86400", v -> intIn(v, 0, 86_400)),
    CHECKPOINT_ON_CLOSE("checkpoint.on.close", "true or false", Setting::bool),
    SNAPSHOTS_KEEP("snapshots.keep", "an integer from 1 to 100", v -> intIn(v, 1, 100)),
    JOURNAL_RETENTION("journal.retention", "true or false", Setting::bool);

    final String key;
    final String allowed;
    private final Function<String, Object> parser;

    Setting(String key, String allowed, Function<String, Object> parser) {
        this.key = key;
        this.allowed = allowed;
        this.parser = parser;
    }

    /** The typed value of {@code raw}, or an exception naming this setting and its allowed values. */
    Object parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for setting '" + key
                    + "': expected " + allowed);
        }
    }

    static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + key + "'; known settings: "
                + Arrays.stream(values()).map(s -> s.key).toList());
    }

    private static int intIn(String v, int min, int max) {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
            throw new IllegalArgumentException();
        }
        return i;
    }

    private static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException();
        }
        return Boolean.parseBoolean(v);
    }

    private static int powerOfTwo(int v) {
        if (Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException();
        }
        return v;
    }

    private static <T> T byName(String v, T[] options, Function<T, String> name) {
        for (T o : options) {
            if (name.apply(o).equals(v.toLowerCase(Locale.ROOT)) || name.apply(o).equals(v)) {
                return o;
            }
        }
        throw new IllegalArgumentException();
    }

    private static <T> String names(T[] options, Function<T, String> name) {
        return "one of " + Arrays.stream(options).map(name).toList();
    }
}
