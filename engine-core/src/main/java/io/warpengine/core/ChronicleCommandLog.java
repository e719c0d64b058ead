package io.warpengine.core;

import io.warpengine.command.Command;
import io.warpengine.journal.FileModes;
import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import io.warpengine.journal.JournalReader.ReplayResult;
import io.warpengine.journal.JournalWriter;
import io.warpengine.journal.TailCutter;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The command log on a Chronicle Queue journal (engine-journal's {@link Journal}), writable or read-only. */
public final class ChronicleCommandLog implements CommandLog {

    private final Path directory;
    private final String rollCycle;
    private final boolean syncOnFlush;
    private final Path backupDir;
    private final FileModes modes;
    private final UUID directoryId;
    private Journal journal;
    private JournalWriter writer;
    // The entry being appended, for the appender's methods (the journal thread is the only appender).
    private long sequence;
    private long timestampMicros;
    /** Writes a command as the entry of its shape; private, so nothing can append without a sequence. */
    private final Command.Visitor<Void> appender = new Command.Visitor<>() {
        @Override
        public Void put(Command.Put put) {
            writer.appendPut(sequence, timestampMicros, put.key(), put.value(), put.options().code(),
                    put.expiresAtMillis());
            return null;
        }

        @Override
        public Void delete(Command.Delete delete) {
            writer.appendDelete(sequence, timestampMicros, delete.key());
            return null;
        }

        @Override
        public Void batch(Command.Batch batch) {
            writer.beginBatch(sequence, timestampMicros, batch.writes().size());
            for (Command.Write write : batch.writes()) {
                if (write instanceof Command.Put put) {
                    writer.batchPut(put.key(), put.value(), put.options().code(), put.expiresAtMillis());
                } else if (write instanceof Command.Expire expire) {
                    writer.batchExpire(expire.key(), expire.expiresAtMillis());
                } else {
                    writer.batchDelete(write.key());
                }
            }
            writer.appendBatch();
            return null;
        }

        @Override
        public Void entangle(Command.Entangle entangle) {
            writer.appendEntangle(sequence, timestampMicros, entangle.primary(), entangle.related(), entangle.strength());
            return null;
        }

        @Override
        public Void place(Command.Place place) {
            writer.appendPlace(sequence, timestampMicros, place.logicalShards(), place.writers(), place.logicalShard(),
                    place.writer());
            return null;
        }

        @Override
        public Void disentangle(Command.Disentangle disentangle) {
            writer.appendDisentangle(sequence, timestampMicros, disentangle.primary(), disentangle.related());
            return null;
        }

        @Override
        public Void expire(Command.Expire expire) {
            writer.appendExpire(sequence, timestampMicros, expire.key(), expire.expiresAtMillis());
            return null;
        }

        @Override
        public Void reap(Command.Reap reap) {
            writer.appendReap(sequence, timestampMicros, reap.keys());
            return null;
        }
    };

    private ChronicleCommandLog(Path directory, String rollCycle, boolean syncOnFlush, Path backupDir, boolean readOnly,
                                FileModes modes, UUID directoryId) {
        this.directory = directory;
        this.modes = modes;
        this.directoryId = directoryId;
        this.rollCycle = rollCycle;
        this.syncOnFlush = syncOnFlush;
        this.backupDir = backupDir;
        if (readOnly) {
            journal = Journal.openReadOnly(directory, rollCycle, directoryId);
        } else {
            openWritable();
        }
    }

    /**
     * Opens (creating if needed) the journal in {@code directory} for appending.
     *
     * @param syncOnFlush msync on {@link #flush()} (power-loss durability)
     * @param backupDir   where {@link #cutDamagedTail} keeps the damaged file
     */
    public static ChronicleCommandLog open(Path directory, String rollCycle, boolean syncOnFlush, Path backupDir,
                                          FileModes modes, UUID directoryId) {
        return new ChronicleCommandLog(directory, rollCycle, syncOnFlush, backupDir, false, modes, directoryId);
    }

    /** Opens an existing journal for reading only: it changes nothing on disk, and may run beside a writer. */
    public static ChronicleCommandLog openReadOnly(Path directory, String rollCycle) {
        return openReadOnly(directory, rollCycle, null);
    }

    /** As {@link #openReadOnly(Path, String)}, refusing a file stamped with another id than {@code directoryId}. */
    public static ChronicleCommandLog openReadOnly(Path directory, String rollCycle, UUID directoryId) {
        return new ChronicleCommandLog(directory, rollCycle, false, null, true, FileModes.UMASK, directoryId);
    }

    private void openWritable() {
        journal = Journal.open(directory, rollCycle, syncOnFlush, modes, directoryId);
        writer = journal.writer();
    }

    @Override
    public void append(long sequence, long timestampMicros, Command command) {
        this.sequence = sequence;
        this.timestampMicros = timestampMicros;
        command.accept(appender);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public long bytesAppended() {
        return writer == null ? 0 : writer.bytesAppended();
    }

    @Override
    public long diskBytes() {
        return journal.diskBytes();
    }

    @Override
    public long firstSequence() {
        try (JournalReader reader = journal.reader()) {
            return reader.firstSequence();
        }
    }

    @Override
    public long lastSequence() {
        try (JournalReader reader = journal.reader()) {
            return reader.lastSequence();
        }
    }

    @Override
    public ReplayResult replay(long fromSequence, Predicate<JournalEntry> stopBefore, Consumer<JournalEntry> sink) {
        try (JournalReader reader = journal.reader()) {
            return reader.replay(fromSequence, stopBefore, sink);
        }
    }

    @Override
    public void cutDamagedTail(ReplayResult replay) {
        if (!replay.hasDamagedTail()) {
            return;
        }
        if (writer == null) {
            throw new IllegalStateException("a read-only journal cannot cut its tail");
        }
        closeFiles();
        TailCutter.cut(directory, rollCycle, replay.damagedTailIndex(), backupDir, directoryId);
        openWritable();
    }

    @Override
    public List<Path> deleteCoveredUpTo(long coveredSequence) {
        return journal.deleteFilesCoveredUpTo(coveredSequence);
    }

    @Override
    public void close() {
        closeFiles();
    }

    private void closeFiles() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}
