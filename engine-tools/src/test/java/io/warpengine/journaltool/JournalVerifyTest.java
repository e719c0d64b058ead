package io.warpengine.journaltool;

import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.journal.JournalCorruptedException;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.store.StoredValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalVerifyTest {

    @TempDir
    Path dir;

    private Cli verify() {
        return Cli.run("journal", "verify", "-d", dir.toString());
    }

    /** A snapshot of the test history at {@code sequence}, as the engine writes it. */
    private void snapshotAt(long sequence) {
        Map<String, String> state = Journals.stateAt(sequence);
        String[] keys = state.keySet().toArray(String[]::new);
        byte[][] values = state.values().stream().map(v -> StoredValue.of(v.getBytes(StandardCharsets.UTF_8), 0, 0)).toArray(byte[][]::new);
        new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3)
                .write(new Snapshot(sequence, Journals.micros(sequence), keys, values));
    }

    @Test
    void cleanEngineJournalWithSnapshotsVerifies() {
        EngineConfig config = EngineConfig.builder(dir).checkpointEveryOperations(100).checkpointEverySeconds(0).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < 1000; i++) {
                engine.put("k" + i % 97, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        Cli cli = verify();
        assertEquals(0, cli.exit, cli.toString());
        String out = cli.out.toString();
        assertTrue(out.contains("journal    1,000 entries in order, sequences 1 .. 1,000, in 1 file"), out);
        assertTrue(out.contains("snapshot   snapshot-00000000000000001000.wsnap OK (sequence 1,000, 97 keys"), out);
        assertTrue(out.contains("OK         history 1 .. 1,000 is whole"), out);
        assertEquals("", cli.err.toString());
    }

    /** Damage followed by valid entries: exit 1 naming the sequence and the file, as the engine refuses it. */
    @Test
    void corruptEntryInsideTheHistoryIsNamedLikeTheEngineNamesIt() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Path file = Journals.corruptValueOf(dir, 142);
        Cli cli = verify();
        assertEquals(1, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("DAMAGED    first bad sequence 142 in " + file), cli.toString());
        assertEquals("warp journal verify: journal damaged at sequence 142 in " + file + ": CRC32C mismatch",
                cli.err.toString().trim());
        JournalCorruptedException refused = assertThrows(JournalCorruptedException.class, () -> WarpEngine.open(dir));
        assertEquals(142, refused.sequence());
        assertEquals(file.toString(), refused.file());
    }

    /** A file cut short by a crash: a damaged tail after the last readable entry. */
    @Test
    void tornTailIsDamage() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        Path file = Journals.journalFiles(dir).get(0);
        Journals.truncateData(file, 7);
        Cli cli = verify();
        assertEquals(1, cli.exit, cli.toString());
        assertTrue(cli.err.toString().startsWith("warp journal verify: journal damaged at sequence 300 in " + file), cli.toString());
        assertTrue(cli.out.toString().contains("a damaged tail: './warp journal repair' cuts it"), cli.toString());
    }

    /**
     * The first file (entries 1..100) is gone, deleted by hand (retention deletes only what a snapshot covers): a
     * snapshot past its end covers the gap; without one the gap is named.
     */
    @Test
    void journalMayStartLateWhenASnapshotCoversTheStart() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Files.delete(Journals.journalFiles(dir).get(0));
        Cli uncovered = verify();
        assertEquals(1, uncovered.exit, uncovered.toString());
        assertTrue(uncovered.out.toString().contains("GAP: sequences 1 .. 100 are in neither a valid snapshot nor the journal"),
                uncovered.toString());
        assertTrue(uncovered.err.toString().startsWith("warp journal verify: history gap at sequence 1 before "
                + Journals.journalFiles(dir).get(0)), uncovered.toString());

        snapshotAt(150);
        Cli covered = verify();
        assertEquals(0, covered.exit, covered.toString());
        assertTrue(covered.out.toString().contains("snapshot 150 + the journal after it hold the whole history"), covered.toString());
    }

    /** A snapshot whose checksum fails is damage even when an older one still covers the history. */
    @Test
    void damagedSnapshotIsNamed() throws Exception {
        Journals.write(dir, 1, 300, Long.MAX_VALUE);
        snapshotAt(100);
        snapshotAt(200);
        List<Path> snapshots = new SnapshotStore(dir.resolve(WarpEngine.SNAPSHOT_DIR), 3, true).files();
        Path newest = snapshots.get(0);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(f.length() - 5); // the last byte of the last value, just before the CRC
            int b = f.readByte();
            f.seek(f.length() - 5);
            f.write(b ^ 1);
        }
        Cli cli = verify();
        assertEquals(1, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("snapshot   " + newest.getFileName() + " DAMAGED: CRC32C mismatch"), cli.toString());
        assertTrue(cli.out.toString().contains("snapshot   " + snapshots.get(1).getFileName() + " OK"), cli.toString());
        assertEquals("warp journal verify: snapshot " + newest + " is damaged: CRC32C mismatch", cli.err.toString().trim());
    }

    @Test
    void emptyDataDirectoryOfAFreshEngineIsClean() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).checkpointOnClose(false).build())) {
            assertEquals(0, engine.stats().keyCount());
        }
        Cli cli = verify();
        assertEquals(0, cli.exit, cli.toString());
        assertTrue(cli.out.toString().contains("journal    empty"), cli.toString());
    }
}
