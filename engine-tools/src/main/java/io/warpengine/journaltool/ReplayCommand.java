package io.warpengine.journaltool;

import io.warpengine.cli.ValueText;
import io.warpengine.cli.BinaryEncoding;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./warp journal replay}: the state at a past sequence or time, rebuilt from the newest snapshot at or before
 * it and the journal after that, without an engine; written as a snapshot into a new data directory, or the values
 * of some keys printed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rebuilds the state at a sequence or a time, without an engine.",
                "The newest valid snapshot at or before the target, then the journal up to it, as recovery does. "
                        + "Writes the state as a snapshot into a new data directory (OUT/snapshots/snapshot-<seq>.wsnap: "
                        + "WarpEngine.open(OUT) starts from it) or prints given keys. Never changes the data directory.",
                "",
                "Example: ./warp journal replay -d data --to-time 2026-11-23T12:00:00Z -o old",
                "         ./warp journal replay -d data --to-seq 41999 --key user:42"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {JournalCommand.EXIT_0, "1:damage before the target: the state there cannot be rebuilt",
                JournalCommand.EXIT_2 + ", target outside the history, output directory not new"})
final class ReplayCommand extends JournalVerb {

    /** Where to stop. */
    static final class Target {
        @Option(names = "--to-seq", paramLabel = "SEQ", required = true, description = "The state after entry SEQ.")
        Long sequence;

        @Option(names = "--to-time", paramLabel = "TIME", required = true,
                description = "The state after the last entry at or before TIME (ISO-8601, such as 2026-11-23T12:00:00Z).")
        String time;
    }

    /** What to do with the state. */
    static final class Result {
        @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true,
                description = "Write the state as a snapshot into OUT (a new or empty directory).")
        Path output;

        @Option(names = {"-k", "--key"}, paramLabel = "KEY", required = true,
                description = "Print this key's value at the target instead (repeatable).")
        List<String> keys;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Result result;

    @Option(names = "--binary", paramLabel = "ENCODING", defaultValue = "hex",
            description = "With --key: values that are not printable UTF-8 as hex or base64; default ${DEFAULT-VALUE}.")
    BinaryEncoding binary;

    @Override
    public Integer call() {
        long maxSeq = target.sequence != null ? target.sequence : Long.MAX_VALUE;
        long maxMicros = target.time != null ? Timestamps.parseMicros(target.time) : Long.MAX_VALUE;
        require(maxSeq >= 0, "--to-seq must not be negative, was " + maxSeq);
        DataDirectory dir = data.resolve();
        if (result.output != null) {
            checkOutput(dir, result.output);
        }
        StateRebuild rebuild = new StateRebuild(dir, result.keys);
        StateRebuild.Outcome outcome = rebuild.run(maxSeq, maxMicros);
        if (outcome.damage() != null) {
            return damaged(outcome.damage());
        }
        PrintWriter out = out();
        out.printf(Locale.ROOT, "state at sequence %,d (%s): %s%n", outcome.sequence(),
                outcome.sequence() == 0 ? "before the first entry" : Timestamps.format(outcome.timestampMicros()),
                outcome.source());
        if (outcome.tailWarning() != null) {
            err().println(spec.qualifiedName() + ": warning: " + outcome.tailWarning().describe()
                    + " (not needed for this target: the state is rebuilt up to sequence " + outcome.sequence() + ")");
        }
        if (result.output != null) {
            write(out, outcome);
        } else {
            printKeys(out, outcome.state());
        }
        out.flush();
        return CLEAN;
    }

    /** The output must be new: replay never mixes the rebuilt state with another history, nor touches the source. */
    private static void checkOutput(DataDirectory dir, Path output) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new IllegalArgumentException("--output " + output + " is a file; give a new or empty directory");
        }
        try {
            if (Files.exists(output) && Files.isSameFile(output, dir.root())) {
                throw new IllegalArgumentException("--output must not be the data directory itself: replay only reads "
                        + dir.root() + "; give a new directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String sub : List.of(WarpEngine.JOURNAL_DIR, WarpEngine.SNAPSHOT_DIR)) {
            Path p = output.resolve(sub);
            if (Files.isDirectory(p) && !isEmpty(p)) {
                throw new IllegalArgumentException("--output " + output + " already holds WarpEngine data (" + p
                        + "); give a new or empty directory");
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(PrintWriter out, StateRebuild.Outcome outcome) {
        Map<String, byte[]> state = outcome.state();
        String[] keys = new String[state.size()];
        byte[][] values = new byte[state.size()][];
        int i = 0;
        for (Map.Entry<String, byte[]> e : state.entrySet()) {
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        Path written = new SnapshotStore(result.output.resolve(WarpEngine.SNAPSHOT_DIR), 1)
                .write(new Snapshot(outcome.sequence(), outcome.timestampMicros(), outcome.sequence(),
                        outcome.timestampMicros(), keys, values, new DeepValue[keys.length], Map.of(), Map.of(), null,
                        outcome.expiries())).file();
        out.printf(Locale.ROOT, "wrote %s: %,d keys; WarpEngine.open(%s) starts from it%n", written, keys.length,
                result.output);
    }

    private void printKeys(PrintWriter out, Map<String, byte[]> state) {
        ValueText text = new ValueText();
        StringBuilder line = new StringBuilder();
        for (String key : result.keys) {
            line.setLength(0);
            ValueText.appendKey(key, line);
            byte[] value = state.get(key);
            if (value == null) {
                line.append(" (absent)");
            } else {
                text.appendValue(StoredValue.value(value), binary, line.append(' '));
            }
            out.println(line);
        }
    }
}
