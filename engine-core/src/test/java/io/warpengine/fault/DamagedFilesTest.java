package io.warpengine.fault;

import io.warpengine.DataDirectoryId;
import io.warpengine.EngineConfig;
import io.warpengine.RecoveryReport;
import io.warpengine.WarpEngine;
import io.warpengine.fault.DamagedFiles.Kind;
import io.warpengine.fault.DamagedFiles.Outcome;
import io.warpengine.fault.DamagedFiles.Tally;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.TailCutter;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.testing.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, damaged files beyond torn tails: real files written by a real engine are damaged (byte flips, a zeroed
 * page, truncation at every page boundary), and each damage must be detected and named, never silently accepted.
 * Opening on a damaged journal must either refuse with a message naming the file, or open to an exact prefix of
 * the written history, and the latter only when the damage reaches the tail (nothing intact after it) and the cut
 * is reported ({@link RecoveryReport#tornEntriesCut()}). Opening on a damaged snapshot must either refuse naming
 * it, or fall back (older snapshot, journal) to exactly the written state.
 *
 * <p>Random damages are repeatable: the seed is printed, {@code -Dwarp.damage.seed=N} repeats it, and
 * {@code -Dwarp.damage.trials=N} runs more of them (default 12). The files are written once; each trial damages a
 * copy. A failure lists its trials: the damage, and what the engine did.
 */
class DamagedFilesTest {

    @RegisterExtension
    final LogCapture log = new LogCapture(SnapshotStore.class.getName(), DataDirectoryId.class.getName(),
            JournalReader.class.getName(), TailCutter.class.getName());

    private static final long SEED = Long.getLong("warp.damage.seed", System.nanoTime());
    private static final int TRIALS = Integer.getInteger("warp.damage.trials", 12);
    /** Journal entries written: sequence i puts k{i}, about 220 KiB of data (~55 pages). */
    private static final int ENTRIES = 3000;
    private static final AtomicInteger TRIAL = new AtomicInteger();

    @TempDir
    static Path root;

    private static Path journalSource;
    private static DamagedFiles.Layout layout;
    private static String journalName;
    private static Setup olderSnapshot;
    private static Setup noOlderHistory;
    private static Setup snapshotOnly;

    /** A data directory to damage copies of: its snapshot to damage, and the state written into it. */
    private record Setup(Path dir, String snapshot, long snapshotSize, Map<String, byte[]> model, long hash,
                         long lastSequence) {
    }

    @FunctionalInterface
    private interface Damage {
        void apply(Path file) throws IOException;
    }

    private static EngineConfig.Builder config(Path dir) {
        return EngineConfig.builder(dir).checkpointOnClose(false).checkpointEveryOperations(0)
                .checkpointEverySeconds(0);
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        System.out.println("DamagedFilesTest: seed " + SEED + " (repeat with -Dwarp.damage.seed=" + SEED + "), "
                + TRIALS + " trials (-Dwarp.damage.trials=N)");
        for (int attempt = 0; journalSource == null; attempt++) { // a roll of the 5-minute cycle splits the journal
            Path dir = root.resolve("journal-source-" + attempt);
            try (WarpEngine engine = WarpEngine.open(config(dir).build())) {
                for (int i = 1; i <= ENTRIES; i++) {
                    engine.put("k" + i, value(i));
                }
            }
            if (DamagedFiles.files(dir.resolve(WarpEngine.JOURNAL_DIR), ".cq4").size() == 1 || attempt == 2) {
                journalSource = dir;
            }
        }
        Path cq4 = DamagedFiles.onlyFile(journalSource.resolve(WarpEngine.JOURNAL_DIR), ".cq4");
        journalName = cq4.getFileName().toString();
        layout = DamagedFiles.layout(cq4);
        assertEquals(ENTRIES, layout.entries(), "one Chronicle document per entry");
        assertTrue(DamagedFiles.usedLength(cq4) <= layout.dataEnd() + 3, "nothing is written after the last entry");
        writeSnapshots();
    }

    /**
     * Three directories over one history (1,500 random writes, snapshot, 800, snapshot, 200): both snapshots and the
     * whole journal; the newest snapshot only (snapshots.keep 1) and a journal from the older snapshot's sequence on
     * (its first snapshot was copied in, as `./warp journal replay -o` makes one); the older snapshot alone.
     */
    private static void writeSnapshots() throws IOException {
        Random rnd = new Random(12);
        List<List<String[]>> phases = List.of(writes(rnd, 1500), writes(rnd, 800), writes(rnd, 200));
        Path a = root.resolve("snapshots-a");
        Map<String, byte[]> model = new HashMap<>();
        Map<String, byte[]> firstModel;
        long[] hashes = new long[2];
        Path first;
        try (WarpEngine engine = WarpEngine.open(config(a).build())) {
            apply(engine, phases.get(0), model);
            long sequence = engine.checkpoint();
            first = a.resolve(WarpEngine.SNAPSHOT_DIR).resolve(String.format("snapshot-%020d.wsnap", sequence));
            firstModel = new HashMap<>(model);
            hashes[0] = engine.stateHash();
            apply(engine, phases.get(1), model);
            engine.checkpoint();
            apply(engine, phases.get(2), model);
            hashes[1] = engine.stateHash();
        }
        Path b = root.resolve("snapshots-b");
        Path c = root.resolve("snapshots-c");
        for (Path d : List.of(b, c)) {
            Files.createDirectories(d.resolve(WarpEngine.SNAPSHOT_DIR));
            Files.copy(first, d.resolve(WarpEngine.SNAPSHOT_DIR).resolve(first.getFileName()));
        }
        // b takes a's id with the snapshot, as opening it would (with a warning, outside any test's log capture);
        // c is left without one, as replay -o leaves a directory: the trials on it see that warning.
        Files.copy(a.resolve(DataDirectoryId.FILE_NAME), b.resolve(DataDirectoryId.FILE_NAME));
        try (WarpEngine engine = WarpEngine.open(config(b).snapshotsKeep(1).build())) {
            apply(engine, phases.get(1), new HashMap<>());
            engine.checkpoint();
            apply(engine, phases.get(2), new HashMap<>());
            assertEquals(hashes[1], engine.stateHash());
        }
        olderSnapshot = setup(a, model, hashes[1], 2500);
        noOlderHistory = setup(b, model, hashes[1], 2500);
        snapshotOnly = setup(c, firstModel, hashes[0], 1500);
        assertEquals(2, DamagedFiles.files(a.resolve(WarpEngine.SNAPSHOT_DIR), ".wsnap").size());
        assertEquals(1, DamagedFiles.files(b.resolve(WarpEngine.SNAPSHOT_DIR), ".wsnap").size());
    }

    private static List<String[]> writes(Random rnd, int n) {
        List<String[]> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = "s" + rnd.nextInt(1200);
            String value = "v" + rnd.nextLong() + "-" + "y".repeat(rnd.nextInt(40));
            ops.add(new String[]{key, rnd.nextInt(5) == 0 ? null : value});
        }
        return ops;
    }

    private static void apply(WarpEngine engine, List<String[]> ops, Map<String, byte[]> model) {
        for (String[] op : ops) {
            if (op[1] == null) {
                engine.delete(op[0]);
                model.remove(op[0]);
            } else {
                engine.put(op[0], op[1].getBytes(StandardCharsets.UTF_8));
                model.put(op[0], op[1].getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The newest snapshot of {@code dir} is the one its trials damage. */
    private static Setup setup(Path dir, Map<String, byte[]> model, long hash, long last) throws IOException {
        List<Path> snapshots = DamagedFiles.files(dir.resolve(WarpEngine.SNAPSHOT_DIR), ".wsnap");
        Path newest = snapshots.get(snapshots.size() - 1);
        return new Setup(dir, newest.getFileName().toString(), Files.size(newest), model, hash, last);
    }

    // ---------------------------------------------------------------------------------------------------- journal

    @Test
    void anUndamagedCopyOfTheJournalOpensWhole() throws IOException {
        Outcome o = journalTrial(0, 0, file -> { });
        assertEquals(Kind.OPENED_WHOLE, o.kind(), o.detail());
    }

    /** A flipped byte inside an entry's frame (sequence, key, value, CRC32C): CRC32C finds it. */
    @Test
    void byteFlipsInJournalEntriesAreDetected() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 1);
        Tally tally = new Tally(SEED, "journal: byte flips inside entries");
        for (int t = 0; t < TRIALS; t++) {
            int entry = rnd.nextInt(ENTRIES);
            long at = layout.starts()[entry] + 4 + rnd.nextLong(layout.ends()[entry] - layout.starts()[entry] - 4);
            int mask = 1 + rnd.nextInt(255);
            tally.add("byte " + at + " ^= 0x" + Integer.toHexString(mask) + " (entry " + (entry + 1) + ")",
                    journalTrial(at, at + 1, file -> DamagedFiles.flip(file, at, mask)));
        }
        tally.check();
    }

    /** A flipped byte in the 4-byte Chronicle header of an entry's document (its length and flags). */
    @Test
    void byteFlipsInJournalDocumentHeadersAreDetected() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 2);
        Tally tally = new Tally(SEED, "journal: byte flips in document headers");
        for (int t = 0; t < TRIALS; t++) {
            int entry = rnd.nextInt(ENTRIES);
            long at = layout.starts()[entry] + rnd.nextInt(4);
            int mask = 1 + rnd.nextInt(255);
            tally.add("byte " + at + " ^= 0x" + Integer.toHexString(mask) + " (header of entry " + (entry + 1) + ")",
                    journalTrial(at, at + 1, file -> DamagedFiles.flip(file, at, mask)));
        }
        tally.check();
    }

    /** A 4 KiB page of zeros in the middle of the written entries (intact entries follow it). */
    @Test
    void aZeroedPageInTheMiddleOfTheJournalIsDetected() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 3);
        long[] pages = DamagedFiles.wholePages(layout.dataStart(), layout.starts()[ENTRIES - 1]);
        Tally tally = new Tally(SEED, "journal: a zeroed page in the middle");
        for (int t = 0; t < Math.max(3, TRIALS / 3); t++) {
            long page = pages[rnd.nextInt(pages.length)];
            tally.add("zeroed [" + page + ", " + (page + DamagedFiles.PAGE) + ")", journalTrial(page,
                    page + DamagedFiles.PAGE, file -> DamagedFiles.zero(file, page, DamagedFiles.PAGE)));
        }
        tally.check();
    }

    /** The file cut at every page boundary of its written entries: a tail lost, the entries before it intact. */
    @Test
    void theJournalTruncatedAtEveryPageBoundaryOpensToThePrefixBeforeIt() throws IOException {
        Tally tally = new Tally(SEED, "journal: truncated at every page boundary");
        for (long length : DamagedFiles.boundaries(layout.dataStart(), layout.dataEnd())) {
            tally.add("truncated to " + length + " bytes", journalTrial(length, Long.MAX_VALUE,
                    file -> DamagedFiles.truncate(file, length)));
        }
        tally.check();
        List<String> cuts = log.messages("WARN", TailCutter.class.getName());
        assertFalse(cuts.isEmpty(), "the cut tails are logged");
        cuts.forEach(cut -> assertTrue(cut.startsWith("Cut the damaged journal tail off "), cut));
    }

    /** Damages a copy of the journal source over bytes [from, to) and judges what opening it does. */
    private static Outcome journalTrial(long from, long to, Damage damage) throws IOException {
        Path dir = root.resolve("trial-" + TRIAL.incrementAndGet());
        DamagedFiles.copyDataDir(journalSource, dir);
        damage.apply(dir.resolve(WarpEngine.JOURNAL_DIR).resolve(journalName));
        try {
            return judgeJournal(dir, layout.firstTouched(from, to), layout.lastTouched(from, to));
        } finally {
            DamagedFiles.deleteRecursively(dir);
        }
    }

    private static Outcome judgeJournal(Path dir, long first, long last) {
        String touched = first == 0 ? "no entry touched" : "entries " + first + ".." + last + " touched";
        RecoveryReport r;
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) {
            r = engine.recovery();
            String wrong = prefixProblem(engine, r.lastSequence());
            if (wrong != null) {
                return new Outcome(Kind.WRONG_STATE, touched + ": opened at sequence " + r.lastSequence() + " but "
                        + wrong);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            return refusal(t, journalName, touched);
        }
        long n = r.lastSequence();
        if (n == ENTRIES) {
            return new Outcome(Kind.OPENED_WHOLE, touched + ": opened whole, tornEntriesCut " + r.tornEntriesCut());
        }
        String opened = touched + ": opened to sequence " + n + " of " + ENTRIES + " (tornEntriesCut "
                + r.tornEntriesCut() + ")";
        if (first == 0 || n < first - 1) {
            return new Outcome(Kind.SILENTLY_ACCEPTED, opened + ", dropping intact entries before the damage");
        }
        if (last < ENTRIES) {
            return new Outcome(Kind.SILENTLY_ACCEPTED, opened + ", dropping the intact entries " + (last + 1) + ".."
                    + ENTRIES + " after the damage");
        }
        if (r.tornEntriesCut() == 0) {
            return new Outcome(Kind.SILENTLY_ACCEPTED, opened + " without reporting the cut");
        }
        return new Outcome(Kind.PREFIX_AT_TAIL, opened);
    }

    /** Null when the engine holds exactly k1..kn with the values written, and nothing else. */
    private static String prefixProblem(WarpEngine engine, long n) {
        if (n < 0 || n > ENTRIES) {
            return "no such prefix of the " + ENTRIES + " entries written";
        }
        if (engine.stats().keyCount() != n) {
            return "it holds " + engine.stats().keyCount() + " keys";
        }
        for (int i = 1; i <= n; i++) {
            Optional<byte[]> v = engine.get("k" + i);
            if (v.isEmpty() || !Arrays.equals(value(i), v.get())) {
                return "k" + i + " is " + v.map(b -> "'" + new String(b, StandardCharsets.UTF_8) + "'")
                        .orElse("absent");
            }
        }
        return null;
    }

    private static Outcome refusal(Throwable t, String file, String context) {
        String why = DamagedFiles.messages(t);
        return new Outcome(why.contains(file) ? Kind.REFUSED_NAMING_THE_FILE : Kind.REFUSED_WITHOUT_NAMING_THE_FILE,
                context + ": refused: " + why);
    }

    // -------------------------------------------------------------------------------------------------- snapshots

    @Test
    void undamagedCopiesOfTheSnapshotDirectoriesOpenExactly() throws IOException {
        for (Setup s : List.of(olderSnapshot, noOlderHistory, snapshotOnly)) {
            Outcome o = snapshotTrial(s, file -> { });
            assertEquals(Kind.EXACT_STATE, o.kind(), o.detail());
            assertTrue(o.detail().contains("from " + s.snapshot()), o.detail());
        }
        List<String> idTakenAgain = log.messages("WARN", DataDirectoryId.class.getName());
        assertEquals(1, idTakenAgain.size(), "only the snapshot alone lacks its id file: " + idTakenAgain);
        assertTrue(idTakenAgain.get(0).contains("was missing: taking again the id"), idTakenAgain.get(0));
    }

    /** Newest snapshot damaged, an older one and the whole journal beside it: fall back to exactly the state. */
    @Test
    void aDamagedNewestSnapshotFallsBackToTheOlderOneExactly() throws IOException {
        snapshotDamages("snapshot with an older one to fall back to", olderSnapshot, TRIALS, true);
        assertSkippedSnapshotsNamed();
    }

    /** The only snapshot damaged, the journal starting after sequence 1 (retention): refused, naming the snapshot. */
    @Test
    void aDamagedSnapshotWithoutTheHistoryBeforeItIsRefused() throws IOException {
        snapshotDamages("snapshot without the journal before it", noOlderHistory, TRIALS, true);
        assertSkippedSnapshotsNamed();
    }

    /** The only snapshot damaged, no journal at all (a directory `./warp journal replay -o` made): refused. */
    @Test
    void aDamagedSnapshotAloneIsRefused() throws IOException {
        snapshotDamages("snapshot alone, no journal", snapshotOnly, Math.max(2, TRIALS / 4), false);
        assertSkippedSnapshotsNamed();
    }

    /** The engine logged the damaged snapshots it skipped, each by its file and what is wrong with it. */
    private void assertSkippedSnapshotsNamed() {
        List<String> skipped = log.messages("WARN", SnapshotStore.class.getName());
        assertFalse(skipped.isEmpty(), "the damaged snapshots are logged");
        skipped.forEach(skip -> assertTrue(skip.matches("Skipping snapshot .*\\.wsnap: .*"), skip));
    }

    /** Byte flips and zeroed pages anywhere in the file, and (when {@code everyPage}) truncation at every page. */
    private static void snapshotDamages(String name, Setup s, int flips, boolean everyPage) throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED ^ name.hashCode());
        Tally tally = new Tally(SEED, name + ": " + s.snapshot() + " of " + s.snapshotSize() + " bytes");
        for (int t = 0; t < flips; t++) {
            long at = rnd.nextLong(s.snapshotSize());
            int mask = 1 + rnd.nextInt(255);
            tally.add("byte " + at + " ^= 0x" + Integer.toHexString(mask), snapshotTrial(s,
                    file -> DamagedFiles.flip(file, at, mask)));
        }
        long[] pages = DamagedFiles.wholePages(0, s.snapshotSize());
        for (int t = 0; t < Math.max(2, flips / 3); t++) {
            long page = pages[rnd.nextInt(pages.length)];
            tally.add("zeroed [" + page + ", " + (page + DamagedFiles.PAGE) + ")", snapshotTrial(s,
                    file -> DamagedFiles.zero(file, page, DamagedFiles.PAGE)));
        }
        long[] cuts = DamagedFiles.boundaries(0, s.snapshotSize());
        for (long length : everyPage ? cuts : new long[]{0, cuts[rnd.nextInt(cuts.length)]}) {
            tally.add("truncated to " + length + " bytes", snapshotTrial(s,
                    file -> DamagedFiles.truncate(file, length)));
        }
        tally.check();
    }

    private static Outcome snapshotTrial(Setup s, Damage damage) throws IOException {
        Path dir = root.resolve("trial-" + TRIAL.incrementAndGet());
        DamagedFiles.copyDataDir(s.dir(), dir);
        damage.apply(dir.resolve(WarpEngine.SNAPSHOT_DIR).resolve(s.snapshot()));
        try (WarpEngine engine = WarpEngine.open(config(dir).build())) {
            RecoveryReport r = engine.recovery();
            String from = (r.snapshotFile() == null ? "the journal alone" : r.snapshotFile().getFileName())
                    + " + " + r.entriesReplayed() + " journal entries";
            boolean exact = engine.stats().keyCount() == s.model().size() && engine.stateHash() == s.hash()
                    && r.lastSequence() == s.lastSequence()
                    && s.model().entrySet().stream().allMatch(e -> engine.get(e.getKey())
                    .map(v -> Arrays.equals(v, e.getValue())).orElse(false));
            return exact ? new Outcome(Kind.EXACT_STATE, "opened from " + from + ": exactly the written state")
                    : new Outcome(Kind.WRONG_STATE, "opened from " + from + " with " + engine.stats().keyCount()
                    + " keys at sequence " + r.lastSequence() + ", not the written " + s.model().size() + " keys at "
                    + s.lastSequence());
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            return refusal(t, s.snapshot(), "snapshot damaged");
        } finally {
            DamagedFiles.deleteRecursively(dir);
        }
    }
}
