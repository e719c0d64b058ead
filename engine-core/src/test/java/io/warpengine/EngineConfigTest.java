package io.warpengine;

import io.warpengine.command.CommandObserver;
import io.warpengine.journal.FileModes;
import io.warpengine.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed configuration: one rule per setting, whether the value comes from code or from a file. */
class EngineConfigTest {

    private static final String KNOWN = "known settings: [data.dir, shards, logical.shards, ring.size, wait.strategy, durability,"
            + " reply.spin.micros, reply.yield.micros, key.max.bytes, value.max.bytes, batch.max.writes, batch.max.bytes, entangle.rules, entangle.max.related, quantum.min.strength,"
            + " quantum.max.entangled, journal.roll.cycle, checkpoint.every.operations,"
            + " checkpoint.every.seconds, checkpoint.on.close, snapshots.keep, journal.retention, memory.max.bytes, deep.segment.bytes, expiry.reap.millis,"
            + " data.permissions,"
            + " shutdown.hook]";

    @TempDir
    Path dir;

    /** Each integer setting with a value just outside its range (or off its grid), and its typed setter. */
    static Stream<Arguments> refusedIntegers() {
        return Stream.of(
                refused("shards", 0, EngineConfig.Builder::shards),
                refused("shards", 65, EngineConfig.Builder::shards),
                refused("ring.size", 32, EngineConfig.Builder::ringSize),
                refused("ring.size", 1000, EngineConfig.Builder::ringSize),
                refused("ring.size", 1 << 23, EngineConfig.Builder::ringSize),
                refused("reply.spin.micros", -1, EngineConfig.Builder::replySpinMicros),
                refused("reply.spin.micros", 10_001, EngineConfig.Builder::replySpinMicros),
                refused("reply.yield.micros", -1, EngineConfig.Builder::replyYieldMicros),
                refused("reply.yield.micros", 10_001, EngineConfig.Builder::replyYieldMicros),
                refused("key.max.bytes", 0, EngineConfig.Builder::maxKeyBytes),
                refused("key.max.bytes", 65_537, EngineConfig.Builder::maxKeyBytes),
                refused("value.max.bytes", -1, EngineConfig.Builder::maxValueBytes),
                refused("value.max.bytes", (1 << 28) + 1, EngineConfig.Builder::maxValueBytes),
                refused("batch.max.writes", 0, EngineConfig.Builder::batchMaxWrites),
                refused("batch.max.bytes", 0, EngineConfig.Builder::batchMaxBytes),
                refused("entangle.max.related", 0, EngineConfig.Builder::entangleMaxRelated),
                refused("quantum.max.entangled", -1, EngineConfig.Builder::quantumMaxEntangled),
                refused("checkpoint.every.operations", -1, EngineConfig.Builder::checkpointEveryOperations),
                refused("checkpoint.every.operations", 1_000_000_001, EngineConfig.Builder::checkpointEveryOperations),
                refused("checkpoint.every.seconds", -1, EngineConfig.Builder::checkpointEverySeconds),
                refused("checkpoint.every.seconds", 86_401, EngineConfig.Builder::checkpointEverySeconds),
                refused("snapshots.keep", 0, EngineConfig.Builder::snapshotsKeep),
                refused("snapshots.keep", 101, EngineConfig.Builder::snapshotsKeep));
    }

    private static Arguments refused(String key, int value, BiConsumer<EngineConfig.Builder, Integer> setter) {
        return Arguments.of(key, value, setter);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusedIntegers")
    void typedSetterRefusesWhatSetRefusesWithTheSameMessage(String key, int value,
                                                            BiConsumer<EngineConfig.Builder, Integer> setter) {
        EngineConfig.Builder b = EngineConfig.builder(dir);
        String typed = assertThrows(IllegalArgumentException.class, () -> setter.accept(b, value)).getMessage();
        String text = assertThrows(IllegalArgumentException.class, () -> b.set(key, Integer.toString(value)))
                .getMessage();
        assertEquals(text, typed);
        assertTrue(typed.startsWith("invalid value '" + value + "' for setting '" + key + "': expected "), typed);
        assertEquals(EngineConfig.builder(dir).build().asProperties(), b.build().asProperties(),
                "a refused value leaves the builder as it was");
    }

    @Test
    void sizesReadWithOrWithoutAUnitAndRefuseBelowTheMinimum() {
        EngineConfig.Builder b = EngineConfig.builder(dir);
        assertEquals(512L << 20, b.set("memory.max.bytes", "512m").build().memoryMaxBytes());
        assertEquals(2L << 30, b.set("memory.max.bytes", "2G").build().memoryMaxBytes());
        assertEquals(1_048_576, b.set("memory.max.bytes", "1048576").build().memoryMaxBytes());
        assertEquals(0, b.set("memory.max.bytes", "0").build().memoryMaxBytes(), "0 turns the tiers off");
        String expected = "': expected 0 (tiers off) or a size from 1m to 1t, in bytes or with k, m, g or t";
        assertMessage("invalid value '1000' for setting 'memory.max.bytes" + expected, () -> b.memoryMaxBytes(1000));
        for (String bad : List.of("1.5g", "-1m", "12x", "m", "", "2t", "9999999999999999999k")) {
            assertMessage("invalid value '" + bad + "' for setting 'memory.max.bytes" + expected,
                    () -> b.set("memory.max.bytes", bad));
        }
        assertMessage("invalid value '1000' for setting 'deep.segment.bytes': expected a size from 64k to 1t, in bytes"
                + " or with k, m, g or t", () -> b.deepSegmentBytes(1000));
    }

    @Test
    void messagesNameTheSettingAndTheAllowedValues() {
        EngineConfig.Builder b = EngineConfig.builder(dir);
        assertMessage("invalid value '0' for setting 'shards': expected an integer from 1 to 64", () -> b.shards(0));
        assertMessage("invalid value '1000' for setting 'ring.size': expected a power of two from 64 to 4194304",
                () -> b.ringSize(1000));
        assertMessage("invalid value '-1' for setting 'checkpoint.every.seconds': expected an integer from 0 (never)"
                + " to 86400", () -> b.checkpointEverySeconds(-1));
        assertMessage("invalid value 'DAILY_ISH' for setting 'journal.roll.cycle': expected one of "
                + Journal.ROLL_CYCLES, () -> b.journalRollCycle("DAILY_ISH"));
        assertMessage("invalid value 'DAILY_ISH' for setting 'journal.roll.cycle': expected one of "
                + Journal.ROLL_CYCLES, () -> b.set("journal.roll.cycle", " DAILY_ISH "));
        assertMessage("invalid value '+99' for setting 'shards': expected an integer from 1 to 64",
                () -> b.set("shards", "+99"));
        assertMessage("invalid value 'yes' for setting 'checkpoint.on.close': expected true or false",
                () -> b.set("checkpoint.on.close", "yes"));
        assertMessage("setting 'data.dir' must not be null", () -> b.dataDir(null));
        assertMessage("invalid value '0' for setting 'quantum.min.strength': expected a number greater than 0 and at"
                + " most 1", () -> b.set("quantum.min.strength", "0"));
        assertEquals("invalid value for setting 'entangle.rules': entanglement rule 'user*->x:*' is invalid: its"
                + " pattern 'user*' is not a name followed by ':*'; write rules as name:*->target:*,target:* separated"
                + " by ';', or 'off'", assertThrows(IllegalArgumentException.class,
                () -> b.set("entangle.rules", "user*->x:*")).getMessage());
        assertMessage("setting 'durability' must not be null", () -> b.durability(null));
        assertMessage("unknown setting 'shard'; " + KNOWN, () -> b.set("shard", "2"));
    }

    @Test
    void textIsTrimmedAndNamesMayBeUpperCase() {
        EngineConfig config = EngineConfig.builder(dir).set("shards", " 8 ").set("wait.strategy", "YIELDING")
                .set("durability", "Power").build();
        assertEquals(8, config.shards());
        assertEquals(WaitStrategyKind.YIELDING, config.waitStrategy());
        assertEquals(Durability.POWER, config.durability());
    }

    @Test
    void loadNamesTheFileOfABadValue() throws Exception {
        Path file = dir.resolve("engine.properties");
        Files.writeString(file, "shards=2\nsnapshots.keep=0\n");
        assertMessage(file + ": invalid value '0' for setting 'snapshots.keep': expected an integer from 1 to 100",
                () -> EngineConfig.load(file));
        Files.writeString(file, "snapshot.keep=2\n");
        assertMessage(file + ": unknown setting 'snapshot.keep'; " + KNOWN, () -> EngineConfig.load(file));
    }

    @Test
    void loadNamesEveryBadSettingAtOnce() throws Exception {
        Path file = dir.resolve("engine.properties");
        Files.writeString(file, "shards=0\nsnapshots.keep=0\nshards.typo=1\n");
        String message = assertThrows(IllegalArgumentException.class, () -> EngineConfig.load(file)).getMessage();
        assertTrue(message.startsWith(file + ": 3 bad settings: "), message);
        for (String named : List.of("'shards'", "'snapshots.keep'", "'shards.typo'")) {
            assertTrue(message.contains(named), named + " in " + message);
        }
    }

    @Test
    void aMissingConfigurationFileIsBadInputNamingIt() {
        Path missing = dir.resolve("missing.properties");
        assertMessage("configuration file " + missing + " does not exist; config/warpengine.properties holds every "
                + "setting with its default", () -> EngineConfig.load(missing));
    }

    @Test
    void asPropertiesRoundTripsThroughAFile() throws Exception {
        EngineConfig config = EngineConfig.builder(dir.resolve("elsewhere")).shards(7).logicalShards(64).ringSize(128)
                .waitStrategy(WaitStrategyKind.YIELDING).durability(Durability.POWER).replySpinMicros(7).replyYieldMicros(50)
                .maxKeyBytes(16).maxValueBytes(0).batchMaxWrites(7).batchMaxBytes(99)
                .entangleRules(EntanglementRules.parse("a:*->b:*,c:*-x")).entangleMaxRelated(3).quantumMinStrength(0.5)
                .quantumMaxEntangled(2).journalRollCycle("FAST_HOURLY").checkpointEveryOperations(0)
                .checkpointEverySeconds(0).checkpointOnClose(false).snapshotsKeep(1).journalRetention(false)
                .memoryMaxBytes(3L << 30).deepSegmentBytes(1_000_000).expiryReapMillis(250).dataPermissions(FileModes.GROUP)
                .shutdownHook(true).build();
        Map<String, String> defaults = EngineConfig.builder(Path.of("data")).build().asProperties();
        Map<String, String> written = config.asProperties();
        assertEquals(List.copyOf(defaults.keySet()), List.copyOf(written.keySet()), "the same keys, in file order");
        written.forEach((key, value) -> assertNotEquals(defaults.get(key), value, key + " is not its default"));
        assertEquals("process", defaults.get("durability"));
        assertEquals("power", written.get("durability"));
        assertEquals("3g", written.get("memory.max.bytes"), "a size in its largest exact unit");
        assertEquals("1000000", written.get("deep.segment.bytes"));

        Properties p = new Properties();
        p.putAll(written);
        Path file = dir.resolve("written.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, null);
        }
        EngineConfig loaded = EngineConfig.load(file).build();
        assertEquals(written, loaded.asProperties());
        assertEquals("EngineConfig" + written, loaded.toString());
    }

    @Test
    void aBuiltConfigIsUnaffectedByItsBuilder() {
        CommandObserver observer = (command, sequence, shard, existed, endOfBatch) -> { };
        EngineConfig.Builder b = EngineConfig.builder(dir).shards(2).observer(observer);
        EngineConfig config = b.build();
        b.shards(3).dataDir(dir.resolve("other")).durability(Durability.POWER).observer(observer);
        assertEquals(2, config.shards());
        assertEquals(dir, config.dataDir());
        assertEquals(Durability.PROCESS, config.durability());
        assertEquals(List.of(observer), config.observers());
        assertEquals(3, b.build().shards());
        assertEquals(2, b.build().observers().size());
        assertThrows(UnsupportedOperationException.class, () -> config.observers().add(observer));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
