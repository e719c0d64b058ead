package io.warpengine.journal;

import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The write-ahead log of one data directory: a Chronicle Queue holding entries in our own binary format
 * ({@link EntryCodec}). One {@link JournalWriter} appends; any number of {@link JournalReader}s replay.
 */
public final class Journal implements AutoCloseable {

    /** Roll cycles a journal may use: each cycle is one file. */
    public static final List<String> ROLL_CYCLES = Arrays.stream(RollCycles.values()).map(Enum::name).toList();

    /** Chronicle's document header: the length in the low 30 bits, then the metadata and not-complete flags. */
    private static final int LENGTH_MASK = 0x3FFFFFFF;
    /** No entry frame is longer (a batch of the largest size): a longer "length" is damage. */
    private static final int MAX_FRAME = 1 << 30;

    /** How far ahead of the writer {@link PageToucher} dirties pages: ~0.2 s of writing at 75 MB/s. */
    private static final long TOUCH_AHEAD_BYTES = 16L << 20;

    private final SingleChronicleQueue queue;
    private final Path directory;
    private final boolean syncOnFlush;
    private final FileModes modes;
    /** The data directory's id: stamped into each new file, and a file stamped with another refused; or null. */
    private final UUID directoryId;

    private Journal(SingleChronicleQueue queue, Path directory, boolean syncOnFlush, FileModes modes,
                    UUID directoryId) {
        this.queue = queue;
        this.directoryId = directoryId;
        this.directory = directory;
        this.syncOnFlush = syncOnFlush;
        this.modes = modes;
    }

    /**
     * Opens (creating if needed) the journal in {@code directory}.
     *
     * @param rollCycle   one of {@link #ROLL_CYCLES}
     * @param syncOnFlush when true, {@link JournalWriter#flush()} msyncs the written pages to the device
     *                    (the queue is built with {@link SyncMode#SYNC}: without it Chronicle's sync does nothing)
     */
    public static Journal open(Path directory, String rollCycle, boolean syncOnFlush) {
        return open(directory, rollCycle, syncOnFlush, false, SystemTimeProvider.INSTANCE, FileModes.OWNER, null);
    }

    /**
     * As {@link #open(Path, String, boolean)}, its directory and files created with {@code modes}, for the data
     * directory with id {@code directoryId}: each new file starts with it ({@link FileIdentity}), and reading
     * refuses a file that carries another.
     */
    public static Journal open(Path directory, String rollCycle, boolean syncOnFlush, FileModes modes,
                               UUID directoryId) {
        return open(directory, rollCycle, syncOnFlush, false, SystemTimeProvider.INSTANCE, modes, directoryId);
    }

    /** Opens an existing journal for reading only: it changes nothing on disk, and may run beside a writer. */
    public static Journal openReadOnly(Path directory, String rollCycle) {
        return openReadOnly(directory, rollCycle, null);
    }

    /** As {@link #openReadOnly(Path, String)}, refusing a file stamped with another id than {@code directoryId}. */
    public static Journal openReadOnly(Path directory, String rollCycle, UUID directoryId) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no journal at " + directory);
        }
        return open(directory, rollCycle, false, true, SystemTimeProvider.INSTANCE, FileModes.OWNER, directoryId);
    }

    /** With a clock of its own for the roll cycles: lets tests produce several cycle files without waiting. */
    static Journal open(Path directory, String rollCycle, boolean syncOnFlush, boolean readOnly, TimeProvider clock) {
        return open(directory, rollCycle, syncOnFlush, readOnly, clock, FileModes.OWNER, null);
    }

    /** As the clock's {@code open}, stamping new files with {@code directoryId} (the tail cutter's rebuilt file). */
    static Journal open(Path directory, String rollCycle, TimeProvider clock, UUID directoryId) {
        return open(directory, rollCycle, false, false, clock, FileModes.OWNER, directoryId);
    }

    private static Journal open(Path directory, String rollCycle, boolean syncOnFlush, boolean readOnly,
                                TimeProvider clock, FileModes modes, UUID directoryId) {
        RollCycle cycle = rollCycle(rollCycle);
        if (!readOnly) {
            try {
                modes.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create journal directory " + directory, e);
            }
        }
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(cycle)
                .syncMode(syncOnFlush ? SyncMode.SYNC : SyncMode.NONE)
                .readOnly(readOnly)
                .timeProvider(clock)
                .build();
        if (!readOnly) {
            restrictFiles(directory, modes); // Chronicle creates its files with the umask's mode
        }
        return new Journal(queue, directory, syncOnFlush, modes, directoryId);
    }

    private static void restrictFiles(Path directory, FileModes modes) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(modes::restrict);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + directory, e);
        }
    }

    static RollCycle rollCycle(String name) {
        try {
            return RollCycles.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown journal roll cycle '" + name + "'; allowed: " + ROLL_CYCLES);
        }
    }

    RollCycle rollCycle() {
        return queue.rollCycle();
    }

    /** The roll cycle the journal's files were written with (its metadata overrides the one asked for on open). */
    public String rollCycleName() {
        return queue.rollCycle() instanceof Enum<?> named ? named.name() : queue.rollCycle().toString();
    }

    /**
     * The journal's cycles (one file each), oldest first, as listed in the directory. Chronicle's own listing trusts
     * its metadata, which still names files deleted by hand until a writable open refreshes it (a read-only view
     * cannot), and fails on a missing first file or an empty journal.
     */
    List<Integer> cycles() {
        RollingResourcesCache names = new RollingResourcesCache(queue.rollCycle(), queue.epoch(),
                name -> directory.resolve(name + SingleChronicleQueue.SUFFIX).toFile(),
                file -> file.getName().substring(0, file.getName().length() - SingleChronicleQueue.SUFFIX.length()));
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SingleChronicleQueue.SUFFIX))
                    .map(n -> names.parseCount(n.substring(0, n.length() - SingleChronicleQueue.SUFFIX.length())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + directory, e);
        }
    }

    /** A new writer. The engine owns exactly one, used only by its journal thread. */
    public JournalWriter writer() {
        RollCycle rollCycle = queue.rollCycle();
        IntFunction<Path> fileOfCycle = cycle -> directory.resolve(cycleFileName(rollCycle, cycle));
        return new JournalWriter(queue.createAppender(), syncOnFlush, new PageToucher(fileOfCycle, TOUCH_AHEAD_BYTES),
                new BlockAllocator(fileOfCycle), fileOfCycle, modes,
                directoryId == null ? null : new FileIdentity.Stamp(FileIdentity.record(directoryId), queue::cycle));
    }

    /** A new reader positioned at the start of the journal. */
    public JournalReader reader() {
        return new JournalReader(queue.createTailer(), this);
    }

    /**
     * Deletes the cycle files whose every entry has a sequence of at most {@code coveredSequence} (they are in a
     * snapshot): a file goes when the next file's first entry is at most {@code coveredSequence + 1}. The
     * newest file, which the writer appends to, always stays.
     *
     * @return the files deleted
     */
    public List<Path> deleteFilesCoveredUpTo(long coveredSequence) {
        List<Path> deleted = new java.util.ArrayList<>();
        List<Integer> cycles = cycles();
        try (JournalReader reader = reader()) {
            for (int i = 0; i + 1 < cycles.size(); i++) {
                long nextFirst = reader.firstSequenceOfCycle(cycles.get(i + 1));
                if (nextFirst < 0 || nextFirst - 1 > coveredSequence) {
                    break;
                }
                Path file = directory.resolve(cycleFileName(queue.rollCycle(), cycles.get(i)));
                try {
                    Files.deleteIfExists(file);
                    deleted.add(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete journal file " + file, e);
                }
            }
        }
        if (!deleted.isEmpty()) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    /** Bytes of the journal's files on disk (allocated size of the cycle files). */
    public long diskBytes() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                    .mapToLong(Journal::sizeOf).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list journal directory " + directory, e);
        }
    }

    /**
     * Whether the cycle file holding {@code index} records its last written entry past {@code dataStart}, the
     * position of that entry's data: true when entries were recorded that can no longer be read.
     */
    boolean recordedPastPosition(long index, long dataStart) {
        int cycle = queue.rollCycle().toCycle(index);
        if (cycle != queue.lastCycle()) {
            return false;
        }
        SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null) {
            return false;
        }
        try {
            return store.writePosition() >= dataStart; // it holds the position of the last entry's header
        } finally {
            store.close();
        }
    }

    /**
     * Whether a file after the one holding Chronicle index {@code index} holds an entry: reading that stopped
     * inside an earlier file then stopped at a damaged stretch, not at the journal's end.
     */
    boolean entriesInLaterFiles(long index) {
        int cycle = queue.rollCycle().toCycle(index);
        try (ExcerptTailer tailer = queue.createTailer()) {
            for (int later : cycles()) {
                if (later > cycle && tailer.moveToCycle(later)) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (dc.isPresent()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * The sequence of the entry the newest file records as its last (the one at the write position its header
     * holds), or -1 when no intact entry is there. An intact one past the entries a reader could reach shows that
     * what it could not read is a damaged stretch with history after it, not a tail lost at the end.
     */
    long lastRecordedSequence() {
        int cycle = queue.lastCycle();
        SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (store == null) {
            return -1;
        }
        long position;
        try {
            position = store.writePosition();
        } finally {
            store.close();
        }
        try (FileChannel file = FileChannel.open(directory.resolve(cycleFileName(queue.rollCycle(), cycle)),
                StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            file.read(header, position);
            int word = header.getInt(0);
            int length = word & LENGTH_MASK;
            if ((word & ~LENGTH_MASK) != 0 || length == 0 || length > MAX_FRAME) { // incomplete, metadata, or none
                return -1;
            }
            ByteBuffer frame = ByteBuffer.allocate(length);
            file.read(frame, position + Integer.BYTES);
            return frame.position() == length ? new EntryCodec().decode(frame.array(), length).sequence() : -1;
        } catch (IOException | CorruptEntryException e) {
            return -1;
        }
    }

    /**
     * Why the file holding Chronicle index {@code index} is not this journal's (it starts with another data
     * directory's id), or null when it is, carries no id (written before ids), or this journal has none to compare.
     */
    String foreignFile(long index) {
        if (directoryId == null) {
            return null;
        }
        UUID stamped;
        try (ExcerptTailer tailer = queue.createTailer()) {
            stamped = FileIdentity.of(tailer, queue.rollCycle().toCycle(index));
        }
        return stamped == null || stamped.equals(directoryId) ? null
                : "the file was written in another data directory (id " + stamped + ", this one's " + directoryId + ")";
    }

    /** The data directory id that the newest journal file carrying one starts with, or null. */
    public UUID newestDirectoryId() {
        List<Integer> all = cycles();
        for (int i = all.size() - 1; i >= 0; i--) {
            try (ExcerptTailer tailer = queue.createTailer()) {
                UUID id = FileIdentity.of(tailer, all.get(i));
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /** The file that holds the entry at Chronicle index {@code index}, for error messages. */
    String fileOf(long index) {
        RollCycle rollCycle = queue.rollCycle();
        return directory.resolve(cycleFileName(rollCycle, rollCycle.toCycle(index))).toString();
    }

    /** Chronicle's file name for {@code cycle}: the cycle's start time in the roll cycle's format. */
    static String cycleFileName(RollCycle rollCycle, int cycle) {
        long startMillis = (long) cycle * rollCycle.lengthInMillis();
        return DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(startMillis)) + SingleChronicleQueue.SUFFIX;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // rolled away between list and size
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
