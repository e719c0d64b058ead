package io.warpengine.core;

import io.warpengine.command.Command;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader.ReplayResult;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine's command log: where every command is appended, in sequence order, before it is applied, and what
 * recovery replays. Today a Chronicle Queue journal ({@link ChronicleCommandLog}); a replicated log can take its
 * place. Appends come from one thread (the journal stage); reads from the opening thread.
 */
public interface CommandLog extends AutoCloseable {

    /** Appends {@code command} as entry {@code sequence}; it survives the process's death once this returns. */
    void append(long sequence, long timestampMicros, Command command);

    /** Makes every entry appended so far as durable as the log's durability promises (msync in power mode). */
    void flush();

    /** Bytes appended by this log's writer since it opened. */
    long bytesAppended();

    /** Bytes the log occupies on disk. */
    long diskBytes();

    /** The sequence of the first intact entry, or 0 when the log is empty. */
    long firstSequence();

    /** The sequence of the last intact entry, or 0 when the log is empty. */
    long lastSequence();

    /**
     * Feeds {@code sink} every entry from {@code fromSequence} on, in order, stopping before the first entry
     * {@code stopBefore} accepts; applies the log's integrity rules (see {@link io.warpengine.journal.JournalReader}).
     */
    ReplayResult replay(long fromSequence, Predicate<JournalEntry> stopBefore, Consumer<JournalEntry> sink);

    /**
     * After a replay that found a damaged tail: cuts it off (keeping a backup), so that new appends land where the
     * next replay reads them. Only before any append.
     */
    void cutDamagedTail(ReplayResult replay);

    /** Deletes what the log holds only for entries up to {@code coveredSequence} (they are in a snapshot). */
    List<Path> deleteCoveredUpTo(long coveredSequence);

    @Override
    void close();
}
