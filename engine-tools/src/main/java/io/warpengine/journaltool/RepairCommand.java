package io.warpengine.journaltool;

import io.warpengine.DataDirectoryId;

import io.warpengine.DirectoryLock;
import io.warpengine.console.Progress;
import io.warpengine.console.Terminals;
import io.warpengine.journal.JournalDamage;
import io.warpengine.journal.TailCutter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./warp journal repair}: cuts the journal at its first damage, keeping a backup of everything it removes,
 * so that the engine opens on it again. Needs the engine stopped: it takes the directory lock.
 */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cuts a torn or corrupt journal tail, keeping a backup.",
                "After confirmation (or with --yes), the damaged entry and everything after it leave the journal and "
                        + "are kept in DIR/journal-backup/. Damage followed by valid entries is cut the same way: those "
                        + "later entries leave the journal too. Refuses while an engine holds the directory. Afterwards "
                        + "verify is clean and the engine opens.",
                "",
                "Example: ./warp journal repair -d data          (asks before cutting)",
                "         ./warp journal repair -d data --yes"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the journal is clean (nothing to do, or repaired)",
                "1:damage left: not confirmed, or damage that repair leaves alone (named on stderr)",
                JournalCommand.EXIT_2 + ", or an engine holds the directory"})
final class RepairCommand extends JournalVerb {

    @Option(names = {"-y", "--yes"}, description = "Cut without asking.")
    boolean yes;

    @Override
    public Integer call() {
        DataDirectory dir = data.resolve();
        PrintWriter out = out();
        try (DirectoryLock lock = lock(dir)) {
            JournalDamage damage;
            String rollCycle;
            long first;
            long removed;
            try (JournalScan scan = new JournalScan(dir)) {
                long[] bounds = scan.bounds();
                try (Progress progress = Progress.entries("repair", bounds[1] - bounds[0] + 1, false)) {
                    damage = scan.readToEnd(entry -> {
                        if (scan.entries() % Progress.STEP_EVERY == 0) {
                            progress.stepTo(scan.entries());
                        }
                        return true;
                    });
                }
                rollCycle = scan.rollCycleName();
                first = scan.firstSequence();
                removed = damage == null ? 0 : scan.documentsFromDamage();
            }
            if (damage == null) {
                out.println("journal is clean: nothing to repair");
                out.flush();
                return CLEAN;
            }
            long covered = dir.snapshots().loadNewestValid(Long.MAX_VALUE).map(l -> l.snapshot().sequence()).orElse(0L);
            if (damage.sequence() <= covered) {
                err().println(spec.qualifiedName() + ": " + damage.describe() + ". The newest valid snapshot (sequence "
                        + covered + ") already holds that entry and the engine replays only after it, so it opens as"
                        + " is; cutting there would drop entries the snapshot does not hold. Nothing changed.");
                return DAMAGED;
            }
            List<Path> later = laterFiles(dir, damage.file());
            out.println(damage.describe());
            out.printf(Locale.ROOT, "repair keeps sequences %s and removes %s: the damaged one and all after it in %s%s.%n",
                    first > 0 && damage.sequence() > first ? first + " .. " + (damage.sequence() - 1) : "none",
                    count(removed, "journal entry", "journal entries"), Path.of(damage.file()).getFileName(),
                    later.isEmpty() ? "" : " and in " + count(later.size(), "later file", "later files"));
            out.println("Everything removed is kept in " + dir.backupDir() + ".");
            if (!yes && !confirm(out, "Cut the journal at sequence " + damage.sequence() + "? [y/N] ")) {
                out.println("not repaired: nothing changed");
                out.flush();
                return DAMAGED;
            }
            Path backup = TailCutter.cut(dir.journalDir(), rollCycle, damage.index(), dir.backupDir(),
                    DataDirectoryId.read(dir.root()));
            moveToBackup(later, dir.backupDir());
            return report(dir, out, backup);
        }
    }

    /** The directory lock, so that no engine opens while the journal is cut; refused with the owner's pid. */
    private static DirectoryLock lock(DataDirectory dir) {
        try {
            return DirectoryLock.acquire(dir.root());
        } catch (IllegalStateException locked) {
            throw new IllegalStateException("cannot repair while an engine holds " + dir.root() + owner(dir)
                    + ": stop it first (repair changes the journal)");
        }
    }

    private static String owner(DataDirectory dir) {
        try {
            String pid = Files.readString(dir.root().resolve(DirectoryLock.FILE_NAME), StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** Journal files after the damaged one: their entries cannot follow the cut, so they go to the backup too. */
    private static List<Path> laterFiles(DataDirectory dir, String damagedFile) {
        String name = Path.of(damagedFile).getFileName().toString();
        return dir.journalFiles().stream().filter(f -> f.getFileName().toString().compareTo(name) > 0).toList();
    }

    private static void moveToBackup(List<Path> files, Path backupDir) {
        try {
            Files.createDirectories(backupDir);
            for (Path f : files) {
                Files.move(f, backupDir.resolve(f.getFileName() + ".after-damage-" + System.currentTimeMillis()),
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move journal files after the damage to " + backupDir, e);
        }
    }

    /** Reads the answer from stdin: only y or yes confirms; end of input declines. */
    private static boolean confirm(PrintWriter out, String question) {
        out.print(question);
        out.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (!Terminals.isTerminal(0)) {
            out.println(); // a terminal echoes the answer's newline; piped input does not
        }
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    private int report(DataDirectory dir, PrintWriter out, Path backup) {
        try (JournalScan scan = new JournalScan(dir)) {
            JournalDamage left = scan.readToEnd(entry -> true);
            if (left != null) {
                return damaged(left);
            }
            out.printf(Locale.ROOT, "repaired: the journal now holds %s; the damaged file is kept as %s%n",
                    scan.entries() == 0 ? "no entries" : String.format(Locale.ROOT, "sequences %,d .. %,d",
                            scan.firstSequence(), scan.lastSequence()), backup);
            out.flush();
            return CLEAN;
        }
    }
}
