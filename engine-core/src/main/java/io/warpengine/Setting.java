package io.warpengine;

import io.warpengine.EngineConfig.Builder;
import io.warpengine.journal.FileModes;
import io.warpengine.journal.Journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A configuration setting: its name in the configuration file, the rule its value follows, and where the value
 * lives in {@link EngineConfig} and its builder. Every rule and every message about a refused value lives here, so
 * a typed builder setter and a line of a configuration file are checked, and refused, alike.
 *
 * @param <T> the type of the setting's value
 */
final class Setting<T> {
    static final Setting<Path> DATA_DIR = new Setting<>("data.dir",
            new Rule<>("a directory path", Path::of, dir -> true, Path::toString), EngineConfig::dataDir,
            Builder::dataDir);
    static final Setting<Integer> SHARDS = new Setting<>("shards", integer(1, 64), EngineConfig::shards,
            Builder::shards);
    static final Setting<Integer> LOGICAL_SHARDS = new Setting<>("logical.shards",
            integer("a power of two from %d to %d", 1, 1 << 16, n -> Integer.bitCount(n) == 1),
            EngineConfig::logicalShards, Builder::logicalShards);
    static final Setting<Integer> RING_SIZE = new Setting<>("ring.size",
            integer("a power of two from %d to %d", 64, 1 << 22, n -> Integer.bitCount(n) == 1),
            EngineConfig::ringSize, Builder::ringSize);
    static final Setting<WaitStrategyKind> WAIT_STRATEGY = new Setting<>("wait.strategy",
            named(WaitStrategyKind.values(), WaitStrategyKind::configName), EngineConfig::waitStrategy,
            Builder::waitStrategy);
    static final Setting<Durability> DURABILITY = new Setting<>("durability",
            named(Durability.values(), Durability::configName), EngineConfig::durability, Builder::durability);
    static final Setting<Integer> REPLY_SPIN_MICROS = new Setting<>("reply.spin.micros", integer(0, 10_000),
            EngineConfig::replySpinMicros, Builder::replySpinMicros);
    static final Setting<Integer> REPLY_YIELD_MICROS = new Setting<>("reply.yield.micros", integer(0, 10_000),
            EngineConfig::replyYieldMicros, Builder::replyYieldMicros);
    static final Setting<Integer> KEY_MAX_BYTES = new Setting<>("key.max.bytes", integer(1, 65_536),
            EngineConfig::maxKeyBytes, Builder::maxKeyBytes);
    static final Setting<Integer> VALUE_MAX_BYTES = new Setting<>("value.max.bytes", integer(0, 1 << 28),
            EngineConfig::maxValueBytes, Builder::maxValueBytes);
    static final Setting<Integer> BATCH_MAX_WRITES = new Setting<>("batch.max.writes", integer(1, 1_000_000),
            EngineConfig::batchMaxWrites, Builder::batchMaxWrites);
    static final Setting<Integer> BATCH_MAX_BYTES = new Setting<>("batch.max.bytes", integer(1, 1 << 30),
            EngineConfig::batchMaxBytes, Builder::batchMaxBytes);
    static final Setting<EntanglementRules> ENTANGLE_RULES = new Setting<>("entangle.rules",
            new Rule<>("rules name:*->target:*,... separated by ';', or off", EntanglementRules::parse, r -> true,
                    EntanglementRules::toString), EngineConfig::entangleRules, Builder::entangleRules);
    static final Setting<Integer> ENTANGLE_MAX_RELATED = new Setting<>("entangle.max.related", integer(1, 100_000),
            EngineConfig::entangleMaxRelated, Builder::entangleMaxRelated);
    static final Setting<Double> QUANTUM_MIN_STRENGTH = new Setting<>("quantum.min.strength",
            new Rule<>("a number greater than 0 and at most 1", Double::parseDouble, d -> d > 0 && d <= 1,
                    String::valueOf), EngineConfig::quantumMinStrength, Builder::quantumMinStrength);
    static final Setting<Integer> QUANTUM_MAX_ENTANGLED = new Setting<>("quantum.max.entangled", integer(0, 10_000),
            EngineConfig::quantumMaxEntangled, Builder::quantumMaxEntangled);
    static final Setting<String> JOURNAL_ROLL_CYCLE = new Setting<>("journal.roll.cycle",
            named(Journal.ROLL_CYCLES.toArray(new String[0]), name -> name), EngineConfig::journalRollCycle,
            Builder::journalRollCycle);
    static final Setting<Integer> CHECKPOINT_EVERY_OPERATIONS = new Setting<>("checkpoint.every.operations",
            orNever(1_000_000_000), EngineConfig::checkpointEveryOperations, Builder::checkpointEveryOperations);
    static final Setting<Integer> CHECKPOINT_EVERY_SECONDS = new Setting<>("checkpoint.every.seconds",
            orNever(86_400), EngineConfig::checkpointEverySeconds, Builder::checkpointEverySeconds);
    static final Setting<Integer> EXPIRY_REAP_MILLIS = new Setting<>("expiry.reap.millis", orNever(60_000),
            EngineConfig::expiryReapMillis, Builder::expiryReapMillis);
    static final Setting<Boolean> CHECKPOINT_ON_CLOSE = new Setting<>("checkpoint.on.close", bool(),
            EngineConfig::checkpointOnClose, Builder::checkpointOnClose);
    static final Setting<Integer> SNAPSHOTS_KEEP = new Setting<>("snapshots.keep", integer(1, 100),
            EngineConfig::snapshotsKeep, Builder::snapshotsKeep);
    static final Setting<Boolean> JOURNAL_RETENTION = new Setting<>("journal.retention", bool(),
            EngineConfig::journalRetention, Builder::journalRetention);
    static final Setting<Boolean> SHUTDOWN_HOOK = new Setting<>("shutdown.hook", bool(), EngineConfig::shutdownHook,
            Builder::shutdownHook);
    static final Setting<FileModes> DATA_PERMISSIONS = new Setting<>("data.permissions",
            named(FileModes.values(), FileModes::configName), EngineConfig::dataPermissions,
            Builder::dataPermissions);

    static final Setting<Long> MEMORY_MAX_BYTES = new Setting<>("memory.max.bytes",
            bytes("0 (tiers off) or a size from 1m to 1t, in bytes or with k, m, g or t", 1 << 20, 1L << 40, true),
            EngineConfig::memoryMaxBytes, Builder::memoryMaxBytes);
    static final Setting<Long> DEEP_SEGMENT_BYTES = new Setting<>("deep.segment.bytes",
            bytes("a size from 64k to 1t, in bytes or with k, m, g or t", 1 << 16, 1L << 40, false),
            EngineConfig::deepSegmentBytes, Builder::deepSegmentBytes);

    /** Every setting, in the order of {@link EngineConfig#asProperties()}. */
    static final List<Setting<?>> ALL = List.of(DATA_DIR, SHARDS, LOGICAL_SHARDS, RING_SIZE, WAIT_STRATEGY, DURABILITY,
            REPLY_SPIN_MICROS, REPLY_YIELD_MICROS, KEY_MAX_BYTES, VALUE_MAX_BYTES, BATCH_MAX_WRITES, BATCH_MAX_BYTES,
            ENTANGLE_RULES, ENTANGLE_MAX_RELATED, QUANTUM_MIN_STRENGTH, QUANTUM_MAX_ENTANGLED, JOURNAL_ROLL_CYCLE,
            CHECKPOINT_EVERY_OPERATIONS,
            CHECKPOINT_EVERY_SECONDS, CHECKPOINT_ON_CLOSE, SNAPSHOTS_KEEP, JOURNAL_RETENTION, MEMORY_MAX_BYTES,
            DEEP_SEGMENT_BYTES, EXPIRY_REAP_MILLIS, DATA_PERMISSIONS, SHUTDOWN_HOOK);

    /** The setting's name in a configuration file. */
    final String key;
    private final Rule<T> rule;
    private final Function<EngineConfig, T> read;
    /** The builder's typed setter: a value from a file takes the same path into the builder as one from code. */
    private final BiConsumer<Builder, T> store;

    private Setting(String key, Rule<T> rule, Function<EngineConfig, T> read, BiConsumer<Builder, T> store) {
        this.key = key;
        this.rule = rule;
        this.read = read;
        this.store = store;
    }

    static Setting<?> byKey(String key) {
        for (Setting<?> s : ALL) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + key + "'; known settings: "
                + ALL.stream().map(s -> s.key).toList());
    }

    /** {@code value} itself if it follows the rule, or an exception naming the allowed values. */
    T check(T value) {
        if (value == null) {
            throw new IllegalArgumentException("setting '" + key + "' must not be null");
        }
        if (!rule.accepts.test(value)) {
            throw invalid(rule.format.apply(value));
        }
        return value;
    }

    /**
     * Sets the value written as {@code raw} (trimmed; null reads as empty) in {@code builder}. The rule is checked
     * here first so that a refusal quotes the text as written (say "+99"), not the number it parsed to.
     */
    void parseInto(Builder builder, String raw) {
        String value = raw == null ? "" : raw.trim();
        T parsed;
        try {
            parsed = rule.parse.apply(value);
        } catch (RuntimeException e) {
            // a parser's own explanation (a bad entanglement rule) is kept; a number's "For input string" is not
            throw e.getClass() == IllegalArgumentException.class && e.getMessage() != null
                    ? new IllegalArgumentException("invalid value for setting '" + key + "': " + e.getMessage(), e)
                    : invalid(value);
        }
        if (!rule.accepts.test(parsed)) {
            throw invalid(value);
        }
        store.accept(builder, parsed);
    }

    /** {@code value}, refused with a message naming {@code what} when null (for what the builder adds, not sets). */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** Sets this setting in {@code to} to its value in {@code from}. */
    void copy(EngineConfig from, Builder to) {
        store.accept(to, read.apply(from));
    }

    /** This setting's value in {@code config} as a configuration file writes it; {@link #parseInto} reads it back. */
    String text(EngineConfig config) {
        return rule.format.apply(read.apply(config));
    }

    private IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("invalid value '" + value + "' for setting '" + key
                + "': expected " + rule.expected);
    }

    /**
     * What a setting's values may be, and their text form.
     *
     * @param expected the allowed values, as error messages name them
     * @param parse    the value of a text; throws if the text is malformed
     * @param accepts  whether a (well-formed) value is allowed
     * @param format   the text of a value, which {@code parse} reads back
     */
    private record Rule<T>(String expected, Function<String, T> parse, Predicate<T> accepts,
                           Function<T, String> format) {
    }

    private static Rule<Integer> integer(int min, int max) {
        return integer("an integer from %d to %d", min, max, n -> true);
    }

    /** An integer where 0 turns the feature off. */
    private static Rule<Integer> orNever(int max) {
        return integer("an integer from %d (never) to %d", 0, max, n -> true);
    }

    /** An integer from {@code min} to {@code max} that also passes {@code also}; {@code expected} shows the bounds. */
    private static Rule<Integer> integer(String expected, int min, int max, Predicate<Integer> also) {
        return new Rule<>(String.format(Locale.ROOT, expected, min, max), Integer::parseInt,
                also.and(n -> n >= min && n <= max), String::valueOf);
    }

    /**
     * A size in bytes from {@code min} to {@code max} (or 0 when {@code zeroOff}), written as a number of bytes or
     * with a binary suffix: {@code 512m} is 512 MiB. Written back in the largest suffix that is exact.
     */
    private static Rule<Long> bytes(String expected, long min, long max, boolean zeroOff) {
        return new Rule<>(expected, Setting::parseBytes, n -> zeroOff && n == 0 || n >= min && n <= max,
                Setting::formatBytes);
    }

    private static final String SIZE_SUFFIXES = "kmgt";

    private static long parseBytes(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int shift = t.isEmpty() ? -1 : SIZE_SUFFIXES.indexOf(t.charAt(t.length() - 1));
        if (shift < 0) {
            return Long.parseLong(t);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        if (n < 0 || n > Long.MAX_VALUE >> (10 * (shift + 1))) {
            throw new NumberFormatException(text);
        }
        return n << (10 * (shift + 1));
    }

    private static String formatBytes(long n) {
        for (int shift = SIZE_SUFFIXES.length() - 1; shift >= 0; shift--) {
            long unit = 1L << (10 * (shift + 1));
            if (n != 0 && n % unit == 0) {
                return n / unit + String.valueOf(SIZE_SUFFIXES.charAt(shift));
            }
        }
        return String.valueOf(n);
    }

    /** Exactly "true" or "false": Boolean.parseBoolean would read a typo as false. */
    private static Rule<Boolean> bool() {
        return new Rule<>("true or false", v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        }, b -> true, String::valueOf);
    }

    /** One of {@code options}, written by its {@code name}; text matches as written or lower-cased (PHASED reads). */
    private static <T> Rule<T> named(T[] options, Function<T, String> name) {
        List<T> allowed = List.of(options);
        return new Rule<>("one of " + allowed.stream().map(name).toList(), v -> byName(v, allowed, name),
                allowed::contains, name);
    }

    private static <T> T byName(String v, List<T> options, Function<T, String> name) {
        for (T o : options) {
            if (name.apply(o).equals(v.toLowerCase(Locale.ROOT)) || name.apply(o).equals(v)) {
                return o;
            }
        }
        throw new IllegalArgumentException();
    }
}
