package io.warpengine;

import io.warpengine.command.CommandObserver;
import io.warpengine.journal.FileModes;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine's configuration, immutable. Defaults come from {@code config/warpengine.properties} (packaged with the
 * engine); a builder or a properties file overrides them. An unknown setting or an invalid value fails with
 * an {@link IllegalArgumentException} naming the setting and the allowed values.
 */
public final class EngineConfig {

    private static final EngineConfig DEFAULTS = loadDefaults();

    private final Path dataDir;
    private final int shards;
    private final int logicalShards;
    private final int ringSize;
    private final WaitStrategyKind waitStrategy;
    private final Durability durability;
    private final int replySpinMicros;
    private final int replyYieldMicros;
    private final int maxKeyBytes;
    private final int maxValueBytes;
    private final int batchMaxWrites;
    private final int batchMaxBytes;
    private final EntanglementRules entangleRules;
    private final int entangleMaxRelated;
    private final double quantumMinStrength;
    private final int quantumMaxEntangled;
    private final String journalRollCycle;
    private final int checkpointEveryOperations;
    private final int checkpointEverySeconds;
    private final boolean checkpointOnClose;
    private final int snapshotsKeep;
    private final boolean journalRetention;
    private final long memoryMaxBytes;
    private final long deepSegmentBytes;
    private final FileModes dataPermissions;
    private final boolean shutdownHook;
    private final int expiryReapMillis;
    private final Clock clock;
    private final List<CommandObserver> observers;
    private final List<ReadObserver> readObservers;

    private EngineConfig(Builder b) {
        dataDir = b.dataDir;
        shards = b.shards;
        logicalShards = b.logicalShards;
        ringSize = b.ringSize;
        waitStrategy = b.waitStrategy;
        durability = b.durability;
        replySpinMicros = b.replySpinMicros;
        replyYieldMicros = b.replyYieldMicros;
        maxKeyBytes = b.maxKeyBytes;
        maxValueBytes = b.maxValueBytes;
        batchMaxWrites = b.batchMaxWrites;
        batchMaxBytes = b.batchMaxBytes;
        entangleRules = b.entangleRules;
        entangleMaxRelated = b.entangleMaxRelated;
        quantumMinStrength = b.quantumMinStrength;
        quantumMaxEntangled = b.quantumMaxEntangled;
        journalRollCycle = b.journalRollCycle;
        checkpointEveryOperations = b.checkpointEveryOperations;
        checkpointEverySeconds = b.checkpointEverySeconds;
        checkpointOnClose = b.checkpointOnClose;
        snapshotsKeep = b.snapshotsKeep;
        journalRetention = b.journalRetention;
        memoryMaxBytes = b.memoryMaxBytes;
        deepSegmentBytes = b.deepSegmentBytes;
        dataPermissions = b.dataPermissions;
        shutdownHook = b.shutdownHook;
        expiryReapMillis = b.expiryReapMillis;
        clock = b.clock;
        observers = List.copyOf(b.observers);
        readObservers = List.copyOf(b.readObservers);
    }

    /** A builder holding the defaults, with the data directory set. */
    public static Builder builder(Path dataDir) {
        return new Builder(DEFAULTS).dataDir(dataDir);
    }

    /** A builder holding the defaults overridden by the settings in {@code file} (a properties file). */
    public static Builder load(Path file) {
        Builder b = new Builder(DEFAULTS);
        List<String> refused = new ArrayList<>();
        ConfigFiles.read(file).forEach((key, value) -> {
            try {
                b.set(key, value);
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        });
        if (refused.size() == 1) {
            throw new IllegalArgumentException(file + ": " + refused.get(0));
        }
        if (!refused.isEmpty()) { // every bad setting at once, so that one edit fixes them all
            throw new IllegalArgumentException(file + ": " + refused.size() + " bad settings: "
                    + String.join("; ", refused));
        }
        return b;
    }

    /** Where the journal, the snapshots and the lock file live ({@code data.dir}). */
    public Path dataDir() {
        return dataDir;
    }

    /** Number of shards, each owned by one writer thread ({@code shards}). */
    public int shards() {
        return shards;
    }

    /** Disruptor ring slots, a power of two ({@code ring.size}). */
    public int ringSize() {
        return ringSize;
    }

    /** How the handler threads wait for work ({@code wait.strategy}). */
    public WaitStrategyKind waitStrategy() {
        return waitStrategy;
    }

    /** When a write is acknowledged ({@code durability}). */
    public Durability durability() {
        return durability;
    }

    /**
     * How long a caller whose write another caller is doing spins before it yields or parks, in microseconds
     * ({@code reply.spin.micros}).
     */
    public int replySpinMicros() {
        return replySpinMicros;
    }

    /** How long a blocked caller then yields before it parks, in microseconds ({@code reply.yield.micros}). */
    public int replyYieldMicros() {
        return replyYieldMicros;
    }

    /** Largest key, in bytes of UTF-8 ({@code key.max.bytes}). */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /** Largest value, in bytes ({@code value.max.bytes}). */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    /** Most writes one {@link Batch} may hold ({@code batch.max.writes}). */
    public int batchMaxWrites() {
        return batchMaxWrites;
    }

    /** Most bytes of keys (UTF-8) and values one {@link Batch} may hold ({@code batch.max.bytes}). */
    public int batchMaxBytes() {
        return batchMaxBytes;
    }

    /**
     * Logical shards keys are hashed to (by key or hash tag); each is owned by one of the {@link #shards()}
     * writers, and {@code WarpEngine.placeShard} moves one to another writer. At least {@code shards}.
     */
    public int logicalShards() {
        return logicalShards;
    }

    /** The pattern rules that derive entanglements for {@code quantumGet} ({@link EntanglementRules#OFF}: none). */
    public EntanglementRules entangleRules() {
        return entangleRules;
    }

    /** The most keys one primary may be entangled with by declaration. */
    public int entangleMaxRelated() {
        return entangleMaxRelated;
    }

    /** The weakest entanglement {@code quantumGet} reads. */
    public double quantumMinStrength() {
        return quantumMinStrength;
    }

    /** The most entangled keys {@code quantumGet} reads beside its key. */
    public int quantumMaxEntangled() {
        return quantumMaxEntangled;
    }

    /** The journal's Chronicle Queue roll cycle, by name ({@code journal.roll.cycle}). */
    public String journalRollCycle() {
        return journalRollCycle;
    }

    /** Journal entries between checkpoints, 0 for never ({@code checkpoint.every.operations}). */
    public int checkpointEveryOperations() {
        return checkpointEveryOperations;
    }

    /** Seconds between checkpoints when anything changed, 0 for never ({@code checkpoint.every.seconds}). */
    public int checkpointEverySeconds() {
        return checkpointEverySeconds;
    }

    /** Whether a clean close takes a checkpoint ({@code checkpoint.on.close}). */
    public boolean checkpointOnClose() {
        return checkpointOnClose;
    }

    /** How many of the newest snapshots are kept ({@code snapshots.keep}). */
    public int snapshotsKeep() {
        return snapshotsKeep;
    }

    /**
     * The bound on the memory values use ({@code memory.max.bytes}); 0 for no tiers, every value on the heap. Over
     * it, values move to the photon sphere (compressed) and the deep cache (the data directory's {@code deep/}).
     */
    public long memoryMaxBytes() {
        return memoryMaxBytes;
    }

    /** The size of the deep cache's segment files ({@code deep.segment.bytes}). */
    public long deepSegmentBytes() {
        return deepSegmentBytes;
    }

    /** Whether journal files covered by the oldest kept snapshot are deleted ({@code journal.retention}). */
    public boolean journalRetention() {
        return journalRetention;
    }

    /** Who may read the files the engine creates in its data directory ({@code data.permissions}). */
    public FileModes dataPermissions() {
        return dataPermissions;
    }

    /**
     * Whether the engine closes itself (with its close-time checkpoint) when the JVM shuts down on SIGTERM, Ctrl-C
     * or {@code System.exit} ({@code shutdown.hook}).
     */
    public boolean shutdownHook() {
        return shutdownHook;
    }

    /**
     * How often, in ms, expired keys are looked for and reclaimed (a journaled reap), 0 for never
     * ({@code expiry.reap.millis}); an expired key is invisible to reads either way.
     */
    public int expiryReapMillis() {
        return expiryReapMillis;
    }

    /**
     * The clock of the engine's time: journal timestamps and key expiry (the system clock unless a test sets one,
     * see {@link Builder#clock}).
     */
    public Clock clock() {
        return clock;
    }

    /** The observers of applied commands, in the order they were added; unmodifiable. */
    public List<CommandObserver> observers() {
        return observers;
    }

    /** The observers of reads, in the order they were added; unmodifiable. */
    public List<ReadObserver> readObservers() {
        return readObservers;
    }

    /** Every setting as it would appear in a configuration file, for reports. */
    public Map<String, String> asProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        Setting.ALL.forEach(s -> out.put(s.key, s.text(this)));
        return out;
    }

    @Override
    public String toString() {
        return "EngineConfig" + asProperties();
    }

    private static EngineConfig loadDefaults() {
        Builder b = new Builder();
        ConfigFiles.defaults().forEach(b::set);
        return b.build();
    }

    /**
     * Collects settings; each setter validates at once, so {@link #build()} cannot fail. A typed setter sets the
     * setting of the {@link EngineConfig} accessor of the same name.
     */
    public static final class Builder {
        private Path dataDir;
        private int shards;
        private int logicalShards;
        private int ringSize;
        private WaitStrategyKind waitStrategy;
        private Durability durability;
        private int replySpinMicros;
        private int replyYieldMicros;
        private int maxKeyBytes;
        private int maxValueBytes;
        private int batchMaxWrites;
        private int batchMaxBytes;
        private EntanglementRules entangleRules;
        private int entangleMaxRelated;
        private double quantumMinStrength;
        private int quantumMaxEntangled;
        private String journalRollCycle;
        private int checkpointEveryOperations;
        private int checkpointEverySeconds;
        private boolean checkpointOnClose;
        private int snapshotsKeep;
        private boolean journalRetention;
        private long memoryMaxBytes;
        private long deepSegmentBytes;
        private FileModes dataPermissions;
        private boolean shutdownHook;
        private int expiryReapMillis;
        private Clock clock = Clock.systemUTC();
        private final List<CommandObserver> observers = new ArrayList<>();
        private final List<ReadObserver> readObservers = new ArrayList<>();

        /** An empty builder, only for reading the defaults, which set every field. */
        private Builder() {
        }

        private Builder(EngineConfig defaults) {
            Setting.ALL.forEach(s -> s.copy(defaults, this));
            clock = defaults.clock;
        }

        /** Sets a setting by its configuration-file name, e.g. {@code set("shards", "4")}. */
        public Builder set(String key, String value) {
            Setting.byKey(key).parseInto(this, value);
            return this;
        }

        public Builder dataDir(Path dir) {
            dataDir = Setting.DATA_DIR.check(dir);
            return this;
        }

        public Builder logicalShards(int n) {
            logicalShards = Setting.LOGICAL_SHARDS.check(n);
            return this;
        }

        public Builder shards(int n) {
            shards = Setting.SHARDS.check(n);
            return this;
        }

        public Builder ringSize(int n) {
            ringSize = Setting.RING_SIZE.check(n);
            return this;
        }

        public Builder waitStrategy(WaitStrategyKind kind) {
            waitStrategy = Setting.WAIT_STRATEGY.check(kind);
            return this;
        }

        public Builder durability(Durability d) {
            durability = Setting.DURABILITY.check(d);
            return this;
        }

        public Builder replySpinMicros(int micros) {
            replySpinMicros = Setting.REPLY_SPIN_MICROS.check(micros);
            return this;
        }

        public Builder replyYieldMicros(int micros) {
            replyYieldMicros = Setting.REPLY_YIELD_MICROS.check(micros);
            return this;
        }

        public Builder maxKeyBytes(int n) {
            maxKeyBytes = Setting.KEY_MAX_BYTES.check(n);
            return this;
        }

        public Builder maxValueBytes(int n) {
            maxValueBytes = Setting.VALUE_MAX_BYTES.check(n);
            return this;
        }

        public Builder batchMaxWrites(int n) {
            batchMaxWrites = Setting.BATCH_MAX_WRITES.check(n);
            return this;
        }

        public Builder batchMaxBytes(int n) {
            batchMaxBytes = Setting.BATCH_MAX_BYTES.check(n);
            return this;
        }

        public Builder entangleRules(EntanglementRules rules) {
            entangleRules = Setting.ENTANGLE_RULES.check(rules);
            return this;
        }

        public Builder entangleMaxRelated(int n) {
            entangleMaxRelated = Setting.ENTANGLE_MAX_RELATED.check(n);
            return this;
        }

        public Builder quantumMinStrength(double strength) {
            quantumMinStrength = Setting.QUANTUM_MIN_STRENGTH.check(strength);
            return this;
        }

        public Builder quantumMaxEntangled(int n) {
            quantumMaxEntangled = Setting.QUANTUM_MAX_ENTANGLED.check(n);
            return this;
        }

        public Builder journalRollCycle(String name) {
            journalRollCycle = Setting.JOURNAL_ROLL_CYCLE.check(name);
            return this;
        }

        public Builder checkpointEveryOperations(int n) {
            checkpointEveryOperations = Setting.CHECKPOINT_EVERY_OPERATIONS.check(n);
            return this;
        }

        public Builder checkpointEverySeconds(int seconds) {
            checkpointEverySeconds = Setting.CHECKPOINT_EVERY_SECONDS.check(seconds);
            return this;
        }

        public Builder checkpointOnClose(boolean onClose) {
            checkpointOnClose = onClose;
            return this;
        }

        public Builder snapshotsKeep(int n) {
            snapshotsKeep = Setting.SNAPSHOTS_KEEP.check(n);
            return this;
        }

        public Builder journalRetention(boolean retain) {
            journalRetention = retain;
            return this;
        }

        public Builder memoryMaxBytes(long bytes) {
            memoryMaxBytes = Setting.MEMORY_MAX_BYTES.check(bytes);
            return this;
        }

        public Builder deepSegmentBytes(long bytes) {
            deepSegmentBytes = Setting.DEEP_SEGMENT_BYTES.check(bytes);
            return this;
        }

        public Builder expiryReapMillis(int millis) {
            expiryReapMillis = Setting.EXPIRY_REAP_MILLIS.check(millis);
            return this;
        }

        /**
         * The clock the engine takes its time from: journal timestamps and key expiry. For tests that control
         * time; it should not go backwards (journal timestamps then hold still until it catches up).
         */
        public Builder clock(Clock clock) {
            this.clock = Setting.notNull(clock, "clock");
            return this;
        }

        public Builder shutdownHook(boolean close) {
            shutdownHook = close;
            return this;
        }

        public Builder dataPermissions(FileModes modes) {
            dataPermissions = Setting.DATA_PERMISSIONS.check(modes);
            return this;
        }

        /** Adds a downstream observer of applied commands (see {@link CommandObserver}). */
        public Builder observer(CommandObserver observer) {
            observers.add(Setting.notNull(observer, "observer"));
            return this;
        }

        /** Adds an observer of reads (see {@link ReadObserver}). */
        public Builder readObserver(ReadObserver observer) {
            readObservers.add(Setting.notNull(observer, "read observer"));
            return this;
        }


        /** The configuration as set so far; later changes to this builder do not reach it. */
        public EngineConfig build() {
            return new EngineConfig(this);
        }
    }
}
