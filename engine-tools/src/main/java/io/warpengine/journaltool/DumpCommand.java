package io.warpengine.journaltool;

import io.warpengine.console.Progress;
import io.warpengine.journal.JournalDamage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./warp journal dump}: the journal's entries as lines, filtered. */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints journal entries, one per line, as text or JSON lines.",
                "Values show as UTF-8 when printable, otherwise as hex (or base64 with --binary base64). Dump stops "
                        + "at damage: the entries before it are printed and the damage is named on stderr (exit 1).",
                "",
                "Text:  <sequence> <time> PUT <key> \"<value>\"",
                "       <sequence> <time> DELETE <key>",
                "JSON:  {\"seq\":7,\"time\":\"...\",\"op\":\"PUT\",\"key\":\"k\",\"value\":\"v\",\"encoding\":\"utf8\"}",
                "",
                "Example: ./warp journal dump -d data --prefix user: --limit 100",
                "         ./warp journal dump -d data --from-time 2026-11-23T12:00:00Z",
                "         ./warp journal dump -d data --format json -o entries.jsonl"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {JournalCommand.EXIT_0, JournalCommand.EXIT_1, JournalCommand.EXIT_2})
final class DumpCommand extends JournalVerb {

    @Option(names = "--from-seq", paramLabel = "SEQ", defaultValue = "1", description = "First sequence shown.")
    long fromSeq;

    @Option(names = "--to-seq", paramLabel = "SEQ", defaultValue = "" + Long.MAX_VALUE, showDefaultValue = Visibility.NEVER,
            description = "Last sequence shown.")
    long toSeq;

    @Option(names = "--from-time", paramLabel = "TIME",
            description = "Only entries at or after TIME (ISO-8601, such as 2026-11-23T12:00:00Z).")
    String fromTime;

    @Option(names = "--to-time", paramLabel = "TIME", description = "Only entries at or before TIME.")
    String toTime;

    @Mixin
    KeyFilterOptions keys;

    @Mixin
    PrintOptions print;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
            showDefaultValue = Visibility.NEVER, description = "Stop after N entries shown.")
    long limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        require(fromSeq >= 1, "--from-seq must be at least 1, was " + fromSeq);
        require(limit >= 1, "--limit must be at least 1, was " + limit);
        EntryFilter filter = keys.filter(fromSeq, toSeq,
                fromTime == null ? Long.MIN_VALUE : Timestamps.parseMicros(fromTime),
                toTime == null ? Long.MAX_VALUE : Timestamps.parseMicros(toTime));
        DataDirectory dir = data.resolve();
        OutputStream file = output == null ? null : openOutput(output);
        try (JournalScan scan = new JournalScan(dir)) {
            long[] bounds = scan.bounds();
            long total = Math.min(bounds[1], toSeq) - Math.max(bounds[0], fromSeq) + 1;
            if (fromSeq > 1) {
                scan.seekBefore(fromSeq);
            }
            EntryPrinter printer = print.printer(file == null ? LineOutput.of(out()) : LineOutput.of(file));
            long[] shown = {0};
            JournalDamage damage;
            try (Progress progress = Progress.entries("dump", total, output == null)) {
                damage = scan.readToEnd(entry -> {
                    if (filter.pastEnd(entry)) {
                        return false;
                    }
                    if (scan.entries() % Progress.STEP_EVERY == 0) {
                        progress.stepTo(scan.entries());
                    }
                    if (filter.matches(entry)) {
                        printer.print(entry);
                        return ++shown[0] < limit;
                    }
                    return true;
                });
                printer.flush();
            }
            return damage == null ? CLEAN : damaged(damage);
        } catch (LineOutput.OutputClosedException closed) {
            return CLEAN; // the reader went away (dump | head): it has what it wanted
        } finally {
            if (file != null) {
                close(file);
            }
        }
    }

    private static OutputStream openOutput(Path file) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write --output " + file + ": " + e.getMessage());
        }
    }

    private static void close(OutputStream file) {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
