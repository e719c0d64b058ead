package io.warpengine.journaltool;

import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./warp journal verify}: every entry's CRC and the continuity of the sequences, every snapshot's checksum,
 * and that the newest valid snapshot and the journal after it hold the whole history.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks every journal entry's CRC32C and that sequences continue without a gap, every",
                "snapshot's checksum, and that the newest valid snapshot plus the journal after it cover the whole",
                "history (journal retention deletes old files, so the journal may start after sequence 1 when a",
                "snapshot covers the rest). Exit 0 when clean; otherwise exit 1 naming the first bad sequence and",
                "file. Safe while an engine is writing: it checks the journal as far as it is written.",
                "",
                "Example: ./warp journal verify -d data"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean", JournalCommand.EXIT_1, JournalCommand.EXIT_2})
final class VerifyCommand extends JournalVerb {

    @Override
    public Integer call() {
        DataDirectory dir = data.resolve();
        PrintWriter out = out();
        List<Damage> problems = new ArrayList<>();
        long first;
        long last;
        boolean journalWhole;
        List<Path> journalFiles = dir.journalFiles();
        try (JournalScan scan = new JournalScan(dir)) {
            long[] bounds = scan.bounds();
            Damage damage;
            try (Progress progress = Progress.start("verify", bounds[1] - bounds[0] + 1, false)) {
                damage = scan.readToEnd(entry -> {
                    if (scan.entries() % Progress.STEP_EVERY == 0) {
                        progress.stepTo(scan.entries());
                    }
                    return true;
                });
            }
            first = scan.firstSequence();
            last = scan.lastSequence();
            journalWhole = damage == null;
            out.printf(Locale.ROOT, "journal    %s%n", scan.entries() == 0 && damage == null ? "empty"
                    : String.format(Locale.ROOT, "%,d entries in order, sequences %,d .. %,d, %d files",
                    scan.entries(), first, last, journalFiles.size()));
            if (scan.superseded() > 0) {
                out.printf(Locale.ROOT, "           %d torn entries superseded by a rewrite of the same sequence (harmless)%n",
                        scan.superseded());
            }
            if (damage != null) {
                out.println("           " + damage.describe());
                problems.add(damage);
            }
        }
        long covered = verifySnapshots(dir, out, problems);
        verifyCoverage(out, problems, first, journalWhole ? last : Long.MAX_VALUE, covered, journalFiles);
        problems.sort(Comparator.comparingLong(Damage::sequence));
        if (problems.isEmpty()) {
            out.printf(Locale.ROOT, "OK         history 1 .. %,d is whole%n", Math.max(last, covered));
            out.flush();
            return CLEAN;
        }
        Damage firstBad = problems.get(0);
        out.printf(Locale.ROOT, "DAMAGED    first bad sequence %d in %s%n", firstBad.sequence(), firstBad.file());
        out.println("           " + advice(firstBad));
        out.flush();
        return damaged(firstBad);
    }

    /** Checks each snapshot; returns the sequence of the newest one that verifies (0 when none). */
    private static long verifySnapshots(DataDirectory dir, PrintWriter out, List<Damage> problems) {
        List<Path> files = dir.snapshots().files();
        if (files.isEmpty()) {
            out.println("snapshots  none");
        }
        long newestValid = 0;
        for (Path file : files) {
            long named = SnapshotStore.sequenceOf(file);
            String verdict;
            try {
                Snapshot s = SnapshotStore.read(file);
                if (s.sequence() != named) {
                    verdict = "DAMAGED: its name says sequence " + named + " but it holds sequence " + s.sequence();
                } else {
                    verdict = String.format(Locale.ROOT, "OK (sequence %,d, %,d keys, cut at %s)", s.sequence(), s.size(),
                            Timestamps.format(s.timestampMicros()));
                    newestValid = Math.max(newestValid, named);
                }
            } catch (IOException e) {
                verdict = "DAMAGED: " + e.getMessage();
            }
            out.printf("snapshot   %s %s%n", file.getFileName(), verdict);
            if (verdict.startsWith("DAMAGED")) {
                problems.add(new Damage(named, file.toString(), "snapshot " + verdict, -1, false));
            }
        }
        return newestValid;
    }

    /**
     * The newest valid snapshot must reach the journal's start, and the journal must reach the snapshot
     * ({@code last} is {@code Long.MAX_VALUE} when the journal's end is unknown because damage stopped the scan).
     */
    private static void verifyCoverage(PrintWriter out, List<Damage> problems, long first, long last, long covered,
                                       List<Path> journalFiles) {
        String firstFile = journalFiles.isEmpty() ? "(no journal file)" : journalFiles.get(0).toString();
        String lastFile = journalFiles.isEmpty() ? "(no journal file)" : journalFiles.get(journalFiles.size() - 1).toString();
        if (first > covered + 1) {
            String gap = String.format(Locale.ROOT, "sequences %,d .. %,d are in neither a valid snapshot nor the journal"
                    + " (the journal starts at %,d)", covered + 1, first - 1, first);
            out.println("coverage   GAP: " + gap);
            problems.add(new Damage(covered + 1, firstFile, gap, -1, false));
        } else if (last > 0 && last < covered) {
            String gap = String.format(Locale.ROOT, "the journal ends at sequence %,d but the newest snapshot is at %,d:"
                    + " new writes would leave sequences %,d .. %,d out of the journal", last, covered, last + 1, covered);
            out.println("coverage   GAP: " + gap);
            problems.add(new Damage(last + 1, lastFile, gap, -1, false));
        } else {
            out.println("coverage   " + (covered == 0 ? "the journal holds the whole history"
                    : String.format(Locale.ROOT, "snapshot %,d + the journal after it hold the whole history", covered)));
        }
    }

    private static String advice(Damage d) {
        if (d.file().endsWith(".wsnap")) {
            return "the engine skips a damaged snapshot for an older one; move it away, or replace it with a good copy";
        }
        if (d.index() < 0) {
            return "restore the missing journal files or a good snapshot; repair cannot recreate history";
        }
        return d.tail() ? "a damaged tail: './warp journal repair' cuts it (keeping a backup); the engine also cuts it on open"
                : "'./warp journal repair' cuts the journal there (what follows is kept in journal-backup/, not replayed)";
    }
}
