package io.warpengine.journaltool;

import io.warpengine.journal.JournalDamage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** {@code ./warp journal tail}: the last entries, and with {@code -f} every new one as an engine writes it. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the last entries; with -f, follows new ones as an engine writes them.",
                "The engine keeps running: tail only reads. Lines as in dump. -f runs until Ctrl-C, --max-entries "
                        + "or --timeout.",
                "",
                "Example: ./warp journal tail -f -d data --prefix user:",
                "         ./warp journal tail -f -d data -n 0 --max-entries 1000 --format json"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {JournalCommand.EXIT_0, JournalCommand.EXIT_1, JournalCommand.EXIT_2})
final class TailCommand extends JournalVerb {

    /** How often -f looks for new entries when it has caught up. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
            description = "Start N entries before the end of the journal (0: only new entries); default ${DEFAULT-VALUE}.")
    long lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new entries as they are written.")
    boolean follow;

    @Option(names = "--max-entries", paramLabel = "N", description = "Stop after printing N entries.")
    Long maxEntries;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop following after SECONDS.")
    Double timeoutSeconds;

    @Mixin
    KeyFilterOptions keys;

    @Mixin
    PrintOptions print;

    @Override
    public Integer call() {
        require(lines >= 0, "--lines must not be negative, was " + lines);
        require(maxEntries == null || maxEntries >= 1, "--max-entries must be at least 1, was " + maxEntries);
        require(timeoutSeconds == null || timeoutSeconds > 0, "--timeout must be positive, was " + timeoutSeconds);
        DataDirectory dir = data.resolve();
        long deadline = timeoutSeconds == null ? Long.MAX_VALUE
                : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        long limit = maxEntries == null ? Long.MAX_VALUE : maxEntries;
        try (JournalScan scan = new JournalScan(dir)) {
            long end = scan.bounds()[1];
            long start = Math.max(1, end - lines + 1);
            scan.seekBefore(start);
            EntryFilter filter = keys.filter(start, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);
            EntryPrinter printer = print.printer(LineOutput.of(out()));
            long[] shown = {0};
            // Without -f the last entries are those up to the end found at the start: a live writer appends more
            // while they are read, and -n 3 must print 3.
            long last = follow ? Long.MAX_VALUE : end;
            JournalScan.Sink sink = entry -> {
                if (entry.sequence() > last) {
                    return false;
                }
                if (filter.matches(entry)) {
                    printer.print(entry);
                    if (++shown[0] >= limit) {
                        return false;
                    }
                }
                return entry.sequence() < last;
            };
            if (!follow) {
                JournalDamage damage = scan.readToEnd(sink);
                printer.flush();
                return damage == null ? CLEAN : damaged(damage);
            }
            while (scan.readAvailable(sink)) {
                printer.flush();
                // An embedding program may also run tail in a thread and interrupt it.
                if (System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()) {
                    return CLEAN;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            printer.flush();
            return scan.damage() == null ? CLEAN : damaged(scan.damage());
        } catch (LineOutput.OutputClosedException closed) {
            return CLEAN;
        }
    }
}
