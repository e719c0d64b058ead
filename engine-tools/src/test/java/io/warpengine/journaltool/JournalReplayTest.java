package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.EngineView;
import io.warpengine.ManualClock;
import io.warpengine.RecoveryTarget;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.store.StoredValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReplayTest {

    @TempDir
    Path root;

    private Path data() {
        return root.resolve("data");
    }

    private static Map<String, String> read(Snapshot snapshot) {
        Map<String, String> state = new TreeMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            state.put(snapshot.keys()[i], new String(StoredValue.value(snapshot.values()[i]), StandardCharsets.UTF_8));
        }
        return state;
    }

    /** The written snapshot holds exactly the state after the target, and an engine opened on OUT starts from it. */
    @Test
    void writesTheStateAtASequenceAsASnapshotAnEngineOpens() throws Exception {
        Journals.write(data(), 1, 300, 100);
        Path out = root.resolve("restored");
        Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "157", "-o", out.toString());
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.toString().startsWith("state at sequence 157 (" + Timestamps.format(Journals.micros(157))
                + "): no snapshot + 157 journal entries"), cli.toString());
        Path file = out.resolve(WarpEngine.SNAPSHOT_DIR).resolve("snapshot-00000000000000000157.wsnap");
        assertEquals(Journals.stateAt(157), read(SnapshotStore.read(file)));
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(out).checkpointOnClose(false).build())) {
            assertEquals(157, engine.recovery().lastSequence());
            assertEquals("value-000151", new String(engine.get("k151").orElseThrow(), StandardCharsets.UTF_8));
            assertTrue(engine.get("k149").isEmpty(), "deleted by entry 150");
            assertEquals(158, engine.put("next", new byte[1]).sequence());
        }
        assertEquals(0, Cli.run("journal", "verify", "-d", data().toString()).exit, "the source is untouched");
    }

    /** A time target: the state after the last entry at or before it, starting from a snapshot before it. */
    @Test
    void rebuildsTheStateAtATimeFromASnapshotAndTheJournal() throws Exception {
        Journals.write(data(), 1, 300, 100);
        Map<String, String> at100 = Journals.stateAt(100);
        new SnapshotStore(data().resolve(WarpEngine.SNAPSHOT_DIR), 3).write(new Snapshot(100, Journals.micros(100),
                at100.keySet().toArray(String[]::new),
                at100.values().stream().map(v -> StoredValue.of(v.getBytes(StandardCharsets.UTF_8), 0, 0)).toArray(byte[][]::new)));
        Files.delete(Journals.journalFiles(data()).get(0)); // entries 1..100: only the snapshot holds them now
        Path out = root.resolve("restored");
        String time = Timestamps.format(Journals.micros(233) + 500_000); // between entries 233 and 234
        Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-time", time, "-o", out.toString());
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("state at sequence 233 (" + Timestamps.format(Journals.micros(233))
                + "): snapshot snapshot-00000000000000000100.wsnap + 133 journal entries"), cli.toString());
        assertEquals(Journals.stateAt(233), read(SnapshotStore.read(
                out.resolve(WarpEngine.SNAPSHOT_DIR).resolve("snapshot-00000000000000000233.wsnap"))));
    }

    /**
     * Expiry replays as the engine recovers it: after a random history of puts with and without a TTL, expiry
     * changes, deletes, a clock moving on and the reaps that follow, the state the tool writes at a sequence (values
     * and expiry times) is the state a point-in-time view of the engine shows at that sequence, for every twelfth
     * sequence and the last.
     */
    @Test
    void replayedExpiriesAreThoseOfTheEnginesViewAtTheSameSequence() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2027-01-01T00:00:00Z"));
        EngineConfig config = EngineConfig.builder(data()).clock(clock).expiryReapMillis(1).checkpointOnClose(false)
                .build();
        Random random = new Random(29);
        long last;
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < 150; i++) {
                String key = "k" + random.nextInt(6);
                byte[] value = ("v" + i).getBytes(StandardCharsets.UTF_8);
                Duration ttl = Duration.ofMillis(50 + random.nextInt(400));
                switch (random.nextInt(6)) {
                    case 0 -> engine.put(key, value);
                    case 1 -> engine.putWithTtl(key, value, ttl);
                    case 2 -> engine.expire(key, ttl);
                    case 3 -> engine.persist(key);
                    case 4 -> engine.delete(key);
                    default -> clock.advance(random.nextInt(300)); // the reaper journals the keys that expired
                }
            }
            // At least one reap for certain: a key that expires, the clock past every TTL, and the reaper given
            // until every expired key is gone (stored keys, expired ones included, down to the live ones).
            engine.putWithTtl("k0", "last".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100));
            clock.advance(1_000);
            long live = IntStream.range(0, 6).filter(k -> engine.get("k" + k).isPresent()).count();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (engine.count() > live && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(live, engine.count(), "the reaper deleted every expired key");
            last = engine.stats().lastSequence();
        }
        long step = Math.max(1, last / 12);
        for (long seq = Math.min(5, last); ; seq = Math.min(last, seq + step)) { // ending with the last, a reap
            Path out = root.resolve("at-" + seq);
            Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", Long.toString(seq), "-o",
                    out.toString());
            assertEquals(0, cli.exit, cli.toString());
            Snapshot rebuilt = SnapshotStore.read(out.resolve(WarpEngine.SNAPSHOT_DIR)
                    .resolve(String.format("snapshot-%020d.wsnap", seq)));
            Map<String, String> rebuiltState = new TreeMap<>();
            Map<String, String> viewState = new TreeMap<>();
            read(rebuilt).forEach((key, value) -> rebuiltState.put(key, value + " expires "
                    + rebuilt.expiries().getOrDefault(key, 0L)));
            try (EngineView view = WarpEngine.openAt(config, RecoveryTarget.sequence(seq))) {
                for (int k = 0; k < 6; k++) {
                    String key = "k" + k;
                    view.getWithMetadata(key).ifPresent(m -> viewState.put(key, new String(m.value(),
                            StandardCharsets.UTF_8) + " expires " + m.expiresAtMillis()));
                }
            }
            assertEquals(viewState, rebuiltState, "sequence " + seq);
            if (seq == last) {
                break;
            }
        }
        assertTrue(Cli.run("journal", "dump", "-d", data().toString(), "--op", "REAP").toString().contains("REAP"),
                "the history holds reaps");
    }

    @Test
    void printsTheValuesOfGivenKeys() {
        Journals.write(data(), 1, 300, Long.MAX_VALUE);
        Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "19", "--key", "k19", "--key", "k9",
                "--key", "k42");
        assertEquals(0, cli.exit, cli.toString());
        assertEquals(List.of("state at sequence 19 (" + Timestamps.format(Journals.micros(19)) + "): no snapshot + 19 journal entries",
                "k19 \"value-000019\"", "k9 (absent)", "k42 (absent)"), cli.lines());
        Cli later = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "42", "--key", "k42");
        assertEquals("k42 \"value-000042\"", later.lines().get(1));
    }

    /** Replay writes only into a new directory: never the data directory, never over another history. */
    @Test
    void refusesAnOutputThatIsNotNew() throws Exception {
        Journals.write(data(), 1, 30, Long.MAX_VALUE);
        Cli self = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "5", "-o", data().toString());
        assertEquals(2, self.exit, self.toString());
        assertTrue(self.err.toString().startsWith("warp journal replay: --output must not be the data directory itself"), self.toString());
        Path used = root.resolve("used");
        assertEquals(0, Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "5", "-o", used.toString()).exit);
        Cli again = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "6", "-o", used.toString());
        assertEquals(2, again.exit, again.toString());
        assertTrue(again.err.toString().contains("already holds WarpEngine data"), again.toString());
    }

    @Test
    void refusesTargetsOutsideTheHistory() throws Exception {
        Journals.write(data(), 1, 300, 100);
        Cli past = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "301", "--key", "k1");
        assertEquals(2, past.exit, past.toString());
        assertEquals("warp journal replay: --to-seq 301 is past the history, which ends at sequence 300",
                past.err.toString().trim());
        Files.delete(Journals.journalFiles(data()).get(0));
        Cli lost = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "150", "--key", "k1");
        assertEquals(2, lost.exit, lost.toString());
        assertTrue(lost.err.toString().contains("the journal starts at 101"), lost.toString());
    }

    /** Damage before the target: the state there cannot be rebuilt; the damage is named. */
    @Test
    void damageBeforeTheTargetIsExit1() throws Exception {
        Journals.write(data(), 1, 300, Long.MAX_VALUE);
        Path file = Journals.corruptValueOf(data(), 142);
        Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "200", "--key", "k1");
        assertEquals(1, cli.exit, cli.toString());
        assertEquals("warp journal replay: journal damaged at sequence 142 in " + file + ": CRC32C mismatch",
                cli.err.toString().trim());
        assertEquals(0, Cli.run("journal", "replay", "-d", data().toString(), "--to-seq", "141", "--key", "k1").exit,
                "before the damage it can");
    }

    /** A torn last entry is left out with a warning, as recovery leaves it out, when the target is a time past it. */
    @Test
    void timeTargetPastATornTailStopsBeforeIt() throws Exception {
        Journals.write(data(), 1, 300, Long.MAX_VALUE);
        Journals.truncateData(Journals.journalFiles(data()).get(0), 7);
        Cli cli = Cli.run("journal", "replay", "-d", data().toString(), "--to-time", "2030-01-01T00:00:00Z",
                "--key", "k299");
        assertEquals(0, cli.exit, cli.toString());
        assertEquals(List.of("state at sequence 299 (" + Timestamps.format(Journals.micros(299))
                + "): no snapshot + 299 journal entries", "k299 \"value-000299\""), cli.lines());
        assertTrue(cli.err.toString().startsWith("warp journal replay: warning: journal damaged at sequence 300"), cli.toString());
    }
}
