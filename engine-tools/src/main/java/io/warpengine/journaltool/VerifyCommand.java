package io.warpengine.journaltool;

import io.warpengine.console.Progress;
import io.warpengine.journal.JournalDamage;
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
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks the journal and the snapshots; exit 1 names the first bad sequence and file.",
                "Checks every journal entry's CRC32C, that sequences continue without a gap, every snapshot's "
                        + "checksum, and that the newest valid snapshot plus the journal after it cover the whole "
                        + "history (journal retention deletes old files, so the journal may start after sequence 1 "
                        + "when a snapshot covers the rest). Safe while an engine is writing: it checks the journal as "
                        + "far as it is written.",
                "",
                "Example: ./warp journal verify -d data"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:clean", JournalCommand.EXIT_1, JournalCommand.EXIT_2})
final class VerifyCommand extends JournalVerb {

    /** Something wrong, placed in the history by its first bad sequence; {@code advice} says what to do. */
    private record Problem(long sequence, String file, String message, String advice) {
    }

    @Override
    public Integer call() {
        DataDirectory dir = data.resolve();
        PrintWriter out = out();
        List<Problem> problems = new ArrayList<>();
        long first;
        long last;
        boolean journalWhole;
        List<Path> journalFiles = dir.journalFiles();
        try (JournalScan scan = new JournalScan(dir)) {
            long[] bounds = scan.bounds();
            JournalDamage damage;
            try (Progress progress = Progress.entries("verify", bounds[1] - bounds[0] + 1, false)) {
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
                    : String.format(Locale.ROOT, "%s in order, sequences %,d .. %,d, in %s",
                    count(scan.entries(), "entry", "entries"), first, last,
                    count(journalFiles.size(), "file", "files")));
            if (scan.superseded() > 0) {
                out.printf(Locale.ROOT, "           %d torn entries superseded by a rewrite of the same sequence (harmless)%n",
                        scan.superseded());
            }
            if (damage != null) {
                out.println("           " + damage.describe());
                problems.add(new Problem(damage.sequence(), damage.file(), damage.describe(), damage.tail()
                        ? "a damaged tail: './warp journal repair' cuts it (keeping a backup); the engine also cuts it on open"
                        : "'./warp journal repair' cuts the journal there (what follows is kept in journal-backup/, not replayed)"));
            }
        }
        long covered = verifySnapshots(dir, out, problems);
        verifyCoverage(out, problems, first, journalWhole ? last : Long.MAX_VALUE, covered, journalFiles);
        problems.sort(Comparator.comparingLong(Problem::sequence));
        if (problems.isEmpty()) {
            out.printf(Locale.ROOT, "OK         history 1 .. %,d is whole%n", Math.max(last, covered));
            out.flush();
            return CLEAN;
        }
        Problem firstBad = problems.get(0);
        out.printf(Locale.ROOT, "DAMAGED    first bad sequence %d in %s%n", firstBad.sequence(), firstBad.file());
        out.println("           " + firstBad.advice());
        out.flush();
        err().println(spec.qualifiedName() + ": " + firstBad.message());
        err().flush();
        return DAMAGED;
    }

    /** Checks each snapshot; returns the sequence of the newest one that verifies (0 when none). */
    private static long verifySnapshots(DataDirectory dir, PrintWriter out, List<Problem> problems) {
        List<Path> files = dir.snapshots().files();
        if (files.isEmpty()) {
            out.println("snapshots  none");
        }
        long newestValid = 0;
        for (Path file : files) {
            long named = SnapshotStore.sequenceOf(file);
            String damage;
            try {
                Snapshot s = SnapshotStore.read(file);
                damage = s.sequence() == named ? null
                        : "its name says sequence " + named + " but it holds sequence " + s.sequence();
                if (damage == null) {
                    out.printf(Locale.ROOT, "snapshot   %s OK (sequence %,d, %,d keys, cut at %s)%n", file.getFileName(),
                            s.sequence(), s.size(), Timestamps.format(s.timestampMicros()));
                    newestValid = Math.max(newestValid, named);
                }
            } catch (IOException e) {
                damage = e.getMessage();
            }
            if (damage != null) {
                out.printf("snapshot   %s DAMAGED: %s%n", file.getFileName(), damage);
                problems.add(new Problem(named, file.toString(), "snapshot " + file + " is damaged: " + damage,
                        "the engine skips a damaged snapshot for an older one; move it away, or replace it with a good copy"));
            }
        }
        return newestValid;
    }

    /**
     * The newest valid snapshot must reach the journal's start, and the journal must reach the snapshot
     * ({@code last} is {@code Long.MAX_VALUE} when the journal's end is unknown because damage stopped the scan).
     */
    private static void verifyCoverage(PrintWriter out, List<Problem> problems, long first, long last, long covered,
                                       List<Path> journalFiles) {
        String restore = "restore the missing journal files or a snapshot that covers them; repair cannot recreate history";
        if (first > covered + 1) {
            String gap = String.format(Locale.ROOT, "sequences %,d .. %,d are in neither a valid snapshot nor the journal"
                    + " (the journal starts at %,d)", covered + 1, first - 1, first);
            out.println("coverage   GAP: " + gap);
            String file = journalFiles.get(0).toString();
            problems.add(new Problem(covered + 1, file, "history gap at sequence " + (covered + 1) + " before " + file
                    + ": " + gap, restore));
        } else if (last > 0 && last < covered) {
            String gap = String.format(Locale.ROOT, "the journal ends at sequence %,d but the newest snapshot is at %,d:"
                    + " new writes would leave sequences %,d .. %,d out of the journal", last, covered, last + 1, covered);
            out.println("coverage   GAP: " + gap);
            String file = journalFiles.get(journalFiles.size() - 1).toString();
            problems.add(new Problem(last + 1, file, "history gap at sequence " + (last + 1) + " after " + file + ": "
                    + gap, restore));
        } else {
            out.println("coverage   " + (covered == 0 ? "the journal holds the whole history"
                    : String.format(Locale.ROOT, "snapshot %,d + the journal after it hold the whole history", covered)));
        }
    }
}
