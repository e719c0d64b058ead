package io.warpengine;

import io.warpengine.command.CommandObserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An engine's configuration. Defaults come from {@code config/warpengine.properties} (packaged with the
 * engine); a builder or a properties file overrides them. An unknown setting or an invalid value fails with
 * an {@link IllegalArgumentException} naming the setting and the allowed values.
 */
public final class EngineConfig {

    private static final String DEFAULTS_RESOURCE = "warpengine.properties";
    private static final Map<Setting, Object> DEFAULTS = loadDefaults();

    private final Map<Setting, Object> values;
    private final List<CommandObserver> observers;

    private EngineConfig(Map<Setting, Object> values, List<CommandObserver> observers) {
        this.values = values;
        this.observers = List.copyOf(observers);
    }

    /** A builder holding the defaults, with the data directory set. */
    public static Builder builder(Path dataDir) {
        return new Builder().dataDir(dataDir);
    }

    /** A builder holding the defaults overridden by the settings in {@code file} (a properties file). */
    public static Builder load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration file " + file, e);
        }
        Builder b = new Builder();
        for (String key : p.stringPropertyNames()) {
            try {
                b.set(key, p.getProperty(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return b;
    }

    public Path dataDir() {
        return (Path) values.get(Setting.DATA_DIR);
    }

    public int shards() {
        return (Integer) values.get(Setting.SHARDS);
    }

    public int ringSize() {
        return (Integer) values.get(Setting.RING_SIZE);
    }

    public WaitStrategyKind waitStrategy() {
        return (WaitStrategyKind) values.get(Setting.WAIT_STRATEGY);
    }

    public Durability durability() {
        return (Durability) values.get(Setting.DURABILITY);
    }

    public int replyYieldMicros() {
        return (Integer) values.get(Setting.REPLY_YIELD_MICROS);
    }

    public int maxKeyBytes() {
        return (Integer) values.get(Setting.KEY_MAX_BYTES);
    }

    public int maxValueBytes() {
        return (Integer) values.get(Setting.VALUE_MAX_BYTES);
    }

    public String journalRollCycle() {
        return (String) values.get(Setting.JOURNAL_ROLL_CYCLE);
    }

    public int checkpointEveryOperations() {
        return (Integer) values.get(Setting.CHECKPOINT_EVERY_OPERATIONS);
    }

    public int checkpointEverySeconds() {
        return (Integer) values.get(Setting.CHECKPOINT_EVERY_SECONDS);
    }

    public boolean checkpointOnClose() {
        return (Boolean) values.get(Setting.CHECKPOINT_ON_CLOSE);
    }

    public int snapshotsKeep() {
        return (Integer) values.get(Setting.SNAPSHOTS_KEEP);
    }

    public boolean journalRetention() {
        return (Boolean) values.get(Setting.JOURNAL_RETENTION);
    }

    public List<CommandObserver> observers() {
        return observers;
    }

    /** Every setting as it would appear in a configuration file, for reports. */
    public Map<String, String> asProperties() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((s, v) -> out.put(s.key, v instanceof WaitStrategyKind w ? w.configName()
                : v instanceof Durability d ? d.configName() : String.valueOf(v)));
        return out;
    }

    @Override
    public String toString() {
        return "EngineConfig" + asProperties();
    }

    private static Map<Setting, Object> loadDefaults() {
        Properties p = new Properties();
        try (InputStream in = EngineConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default configuration " + DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Setting, Object> defaults = new EnumMap<>(Setting.class);
        for (String key : p.stringPropertyNames()) {
            Setting s = Setting.byKey(key);
            defaults.put(s, s.parse(p.getProperty(key)));
        }
        for (Setting s : Setting.values()) {
            if (!defaults.containsKey(s)) {
                throw new IllegalStateException("default configuration has no value for '" + s.key + "'");
            }
        }
        return defaults;
    }

    /** Collects settings; each setter validates at once. */
    public static final class Builder {
        private final Map<Setting, Object> values = new EnumMap<>(DEFAULTS);
        private final List<CommandObserver> observers = new ArrayList<>();

        private Builder() {
        }

        /** Sets a setting by its configuration-file name, e.g. {@code set("shards", "4")}. */
        public Builder set(String key, String value) {
            Setting s = Setting.byKey(key);
            values.put(s, s.parse(value));
            return this;
        }

        public Builder dataDir(Path dir) {
            if (dir == null) {
                throw new IllegalArgumentException("setting 'data.dir' must not be null");
            }
            values.put(Setting.DATA_DIR, dir);
            return this;
        }

        public Builder shards(int n) {
            return set(Setting.SHARDS.key, Integer.toString(n));
        }

        public Builder ringSize(int n) {
            return set(Setting.RING_SIZE.key, Integer.toString(n));
        }

        public Builder waitStrategy(WaitStrategyKind kind) {
            return set(Setting.WAIT_STRATEGY.key, kind.configName());
        }

        public Builder durability(Durability d) {
            return set(Setting.DURABILITY.key, d.configName());
        }

        public Builder replyYieldMicros(int micros) {
            return set(Setting.REPLY_YIELD_MICROS.key, Integer.toString(micros));
        }

        public Builder maxKeyBytes(int n) {
            return set(Setting.KEY_MAX_BYTES.key, Integer.toString(n));
        }

        public Builder maxValueBytes(int n) {
            return set(Setting.VALUE_MAX_BYTES.key, Integer.toString(n));
        }

        public Builder journalRollCycle(String name) {
            return set(Setting.JOURNAL_ROLL_CYCLE.key, name);
        }

        public Builder checkpointEveryOperations(int n) {
            return set(Setting.CHECKPOINT_EVERY_OPERATIONS.key, Integer.toString(n));
        }

        public Builder checkpointEverySeconds(int seconds) {
            return set(Setting.CHECKPOINT_EVERY_SECONDS.key, Integer.toString(seconds));
        }

        public Builder checkpointOnClose(boolean onClose) {
            return set(Setting.CHECKPOINT_ON_CLOSE.key, Boolean.toString(onClose));
        }

        public Builder snapshotsKeep(int n) {
            return set(Setting.SNAPSHOTS_KEEP.key, Integer.toString(n));
        }

        public Builder journalRetention(boolean retain) {
            return set(Setting.JOURNAL_RETENTION.key, Boolean.toString(retain));
        }

        /** Adds a downstream observer of applied commands (see {@link CommandObserver}). */
        public Builder observer(CommandObserver observer) {
            if (observer == null) {
                throw new IllegalArgumentException("observer must not be null");
            }
            observers.add(observer);
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(new EnumMap<>(values), observers);
        }
    }
}
