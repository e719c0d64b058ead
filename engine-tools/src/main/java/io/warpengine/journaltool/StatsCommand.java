package io.warpengine.journaltool;

import io.warpengine.console.Progress;
import io.warpengine.journal.EntryType;
import io.warpengine.journal.JournalDamage;
import io.warpengine.snapshot.SnapshotStore;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code ./warp journal stats}: what the journal and the snapshots of a data directory hold. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Counts what the journal and the snapshots hold.",
                "Entries, first and last sequence and time, bytes, files, operation mix, and the snapshots present "
                        + "with their sequences. Reads the whole journal.",
                "",
                "Example: ./warp journal stats -d data"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {JournalCommand.EXIT_0, JournalCommand.EXIT_1, JournalCommand.EXIT_2})
final class StatsCommand extends JournalVerb {

    /** Entries of one journal file, as read in order. */
    private static final class FileCount {
        long first;
        long last;
        long entries;
    }

    @Override
    public Integer call() {
        DataDirectory dir = data.resolve();
        Map<String, FileCount> perFile = new LinkedHashMap<>();
        long[] byType = new long[EntryType.values().length];
        JournalDamage damage;
        JournalScanSummary summary;
        try (JournalScan scan = new JournalScan(dir)) {
            long[] bounds = scan.bounds();
            try (Progress progress = Progress.entries("stats", bounds[1] - bounds[0] + 1, false)) {
                FileCount[] current = {null};
                String[] currentFile = {null};
                damage = scan.readToEnd(entry -> {
                    if (scan.currentFile() != currentFile[0]) { // the scan makes a new string only per new file
                        currentFile[0] = scan.currentFile();
                        current[0] = perFile.computeIfAbsent(Path.of(currentFile[0]).getFileName().toString(),
                                name -> new FileCount());
                        current[0].first = entry.sequence();
                    }
                    current[0].last = entry.sequence();
                    current[0].entries++;
                    byType[entry.type().ordinal()]++;
                    if (scan.entries() % Progress.STEP_EVERY == 0) {
                        progress.stepTo(scan.entries());
                    }
                    return true;
                });
            }
            summary = new JournalScanSummary(scan.entries(), scan.firstSequence(), scan.lastSequence(),
                    scan.firstMicros(), scan.lastMicros(), scan.frameBytes(), scan.superseded());
        }
        print(dir, summary, byType, perFile);
        return damage == null ? CLEAN : damaged(damage);
    }

    private record JournalScanSummary(long entries, long first, long last, long firstMicros, long lastMicros,
                                      long frameBytes, int superseded) {
    }

    private void print(DataDirectory dir, JournalScanSummary s, long[] byType, Map<String, FileCount> perFile) {
        PrintWriter out = out();
        List<Path> files = dir.journalFiles();
        long diskBytes = files.stream().mapToLong(DataDirectory::sizeOf).sum();
        line(out, "data directory", dir.root().toString());
        line(out, "journal", String.format(Locale.ROOT, "%s, %,d bytes on disk, %,d bytes of entries",
                count(files.size(), "file", "files"), diskBytes, s.frameBytes()));
        StringBuilder entries = new StringBuilder(String.format(Locale.ROOT, "%,d", s.entries()));
        for (EntryType type : EntryType.values()) {
            if (type != EntryType.PUT && type != EntryType.DELETE && byType[type.ordinal()] == 0) {
                continue; // PUT and DELETE always show; the other types only in journals that hold some
            }
            entries.append(type.ordinal() == 0 ? ": " : ", ").append(String.format(Locale.ROOT, "%s %,d (%.1f%%)",
                    type, byType[type.ordinal()], 100.0 * byType[type.ordinal()] / s.entries()));
        }
        line(out, "entries", s.entries() == 0 ? "0" : entries.toString());
        if (s.entries() > 0) {
            line(out, "sequences", String.format(Locale.ROOT, "%,d .. %,d", s.first(), s.last()));
            line(out, "time", Timestamps.format(s.firstMicros()) + " .. " + Timestamps.format(s.lastMicros()));
        }
        if (s.superseded() > 0) {
            line(out, "torn entries", s.superseded() + " superseded by a rewrite of the same sequence (harmless)");
        }
        for (Path file : files) {
            FileCount c = perFile.get(file.getFileName().toString());
            line(out, "file", String.format(Locale.ROOT, "%s: %,d bytes, %s", file.getFileName(),
                    DataDirectory.sizeOf(file), c == null ? "no entries read"
                            : String.format(Locale.ROOT, "%,d entries, sequences %,d .. %,d", c.entries, c.first, c.last)));
        }
        List<Path> snapshots = new ArrayList<>(dir.snapshots().files());
        Collections.reverse(snapshots); // oldest first, like the files
        if (snapshots.isEmpty()) {
            line(out, "snapshots", "none");
        }
        for (Path snapshot : snapshots) {
            line(out, "snapshot", String.format(Locale.ROOT, "%s: sequence %,d, %,d bytes, written %s",
                    snapshot.getFileName(), SnapshotStore.sequenceOf(snapshot), DataDirectory.sizeOf(snapshot),
                    modified(snapshot)));
        }
        out.flush();
    }

    private static String modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void line(PrintWriter out, String label, String text) {
        out.printf(Locale.ROOT, "%-15s %s%n", label, text);
    }
}
