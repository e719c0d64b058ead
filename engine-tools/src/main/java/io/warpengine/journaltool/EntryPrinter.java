package io.warpengine.journaltool;

import io.warpengine.cli.BinaryEncoding;
import io.warpengine.journal.JournalEntry;

/** Writes entries, one line each; buffered, so {@link #flush()} when the reader should see them. */
interface EntryPrinter {

    /** @throws LineOutput.OutputClosedException when the output is gone */
    void print(JournalEntry entry);

    /** Pushes everything printed so far to the output and flushes it. */
    void flush();

    /** A printer for {@code format}. */
    static EntryPrinter create(OutputFormat format, BinaryEncoding binary, LineOutput out) {
        return switch (format) {
            case TEXT -> new TextEntryPrinter(out, binary);
            case JSON -> new JsonEntryPrinter(out, binary);
        };
    }

    /** Line formats. */
    enum OutputFormat { TEXT, JSON }
}
