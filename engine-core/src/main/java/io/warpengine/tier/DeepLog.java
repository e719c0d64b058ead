package io.warpengine.tier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deep tier's files: values appended to numbered segment files, each read back with one positioned read. A
 * location is a long: the segment's number in the high 24 bits, the record's offset in the low 40 (segments are
 * numbered from 1, so no location is 0). One thread appends; any thread reads and syncs. Appends reach the disk
 * at {@link #sync()}: a location handed out before the last sync survives a crash, a later one may point at a
 * torn or missing record, so whoever persists locations (the checkpoint) syncs first.
 */
public final class DeepLog implements AutoCloseable {

    /** Bytes read at once: a record of a small value (the common case) comes back in one read. */
    private static final int FIRST_READ = 4096;
    /**
     * Each reading thread's buffer for the first read, reused: the record is decoded (its value copied out) before
     * the thread reads again. A fresh 4 KiB per read was most of the garbage of a GET from the deep cache.
     */
    private static final ThreadLocal<ByteBuffer> FIRST_READS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(FIRST_READ).order(ByteOrder.LITTLE_ENDIAN));
    /** The largest record an engine writes: the largest key and value.max.bytes' maximum, with header and trailer. */
    private static final int MAX_RECORD = DeepRecordCodec.HEADER + 65_536 + (1 << 28) + 16;
    private static final int OFFSET_BITS = 40;
    private static final long MAX_SEGMENT = (1L << 24) - 1;
    /** A segment's file; a retired one carries the engine sequence at its retirement. */
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{8})(?:\\.retired-(\\d+))?\\.wdeep");

    private final Path dir;
    private final long segmentBytes;
    private final boolean readOnly;
    private final ConcurrentSkipListMap<Long, FileChannel> segments = new ConcurrentSkipListMap<>();
    /** Segments compaction emptied, with the engine sequence when it did: see {@link #retire}. */
    private final ConcurrentSkipListMap<Long, Long> retired = new ConcurrentSkipListMap<>();
    /** Appender only: the segment taking appends, and its end (-1 until the first append starts it). */
    private long active;
    private long activeEnd;
    private boolean unsynced;

    private DeepLog(Path dir, long segmentBytes, boolean readOnly) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.readOnly = readOnly;
    }

    /**
     * Opens the segments in {@code dir} for reading only (none when it does not exist): for a view of a data
     * directory another engine may be writing. It never creates, appends or deletes anything.
     */
    public static DeepLog openReadOnly(Path dir) {
        DeepLog log = new DeepLog(dir, FIRST_READ, true);
        if (Files.isDirectory(dir)) {
            log.openSegments();
        }
        return log;
    }

    /**
     * Opens the segments in {@code dir} (creating it if needed); the first append starts a new segment, so that a
     * torn tail a crash left in the newest one is never followed by good records.
     *
     * @param segmentBytes the size at which the appender starts a new segment
     */
    public static DeepLog open(Path dir, long segmentBytes) {
        if (segmentBytes < FIRST_READ || segmentBytes > 1L << OFFSET_BITS) {
            throw new IllegalArgumentException("deep segment size must be from " + FIRST_READ + " to "
                    + (1L << OFFSET_BITS) + " bytes, was " + segmentBytes);
        }
        DeepLog log = new DeepLog(dir, segmentBytes, false);
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("the directory is not writable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " for the deep tier (" + e.getMessage()
                    + "): give the engine's user write access to it, or set 'memory.max.bytes' to 0", e);
        }
        log.openSegments();
        return log;
    }

    /**
     * Opens every segment file. Beside a running engine (a view) a file may be renamed (retired) or deleted
     * between the listing and its opening: the listing is then read again, and a segment that is gone for good
     * is one no kept snapshot refers to.
     */
    private void openSegments() {
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    openListed();
                    break;
                } catch (NoSuchFileException e) {
                    closeChannels();
                    if (attempt == 3 || !readOnly) {
                        throw e;
                    }
                }
            }
            active = segments.isEmpty() ? 0 : segments.lastKey();
            activeEnd = -1; // no segment takes appends yet
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot open the deep log in " + dir, io)
                    : (RuntimeException) e;
        }
    }

    private void openListed() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher name = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    long number = Long.parseLong(name.group(1));
                    segments.put(number, FileChannel.open(file, StandardOpenOption.READ));
                    if (name.group(2) != null) {
                        retired.put(number, Long.parseLong(name.group(2)));
                    }
                }
            }
        }
    }

    /** Appender only. Appends the stored value of {@code key}; returns its location. */
    public long append(String key, byte[] stored) {
        return append(new String[]{key}, new byte[][]{stored}, 1)[0];
    }

    /**
     * Appender only. Appends the stored values of the first {@code count} keys in one write; returns their
     * locations, in order. A batch goes into one segment (starting a new one first if it would overfill the
     * current one), so it may overfill a fresh segment by up to its own size.
     */
    public synchronized long[] append(String[] keys, byte[][] stored, int count) {
        if (readOnly) {
            throw new IllegalStateException("the deep log in " + dir + " is open for reading only");
        }
        ByteBuffer[] records = new ByteBuffer[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            records[i] = DeepRecordCodec.encode(keys[i], stored[i]);
            total += records[i].remaining();
        }
        if (activeEnd < 0 || activeEnd > 0 && activeEnd + total > segmentBytes) {
            startSegment(active + 1);
        }
        long[] locations = new long[count];
        long offset = activeEnd;
        for (int i = 0; i < count; i++) {
            locations[i] = (active << OFFSET_BITS) | offset;
            offset += records[i].remaining();
        }
        FileChannel channel = segments.get(active);
        try {
            channel.position(activeEnd);
            long written = 0;
            while (written < total) {
                written += channel.write(records); // one gathering write: one system call for the batch
            }
        } catch (IOException e) {
            activeEnd = -1; // a partial batch: the next append starts a new segment after it
            throw new UncheckedIOException("cannot append to " + file(active), e);
        }
        activeEnd += total;
        unsynced = true;
        return locations;
    }

    /**
     * Any thread. The stored value of {@code key} at {@code location}.
     *
     * @throws CorruptDeepRecordException when the record there fails its checksum or belongs to another key
     */
    public byte[] read(long location, String key) {
        long segment = segmentOf(location);
        long offset = offsetOf(location);
        FileChannel channel = segments.get(segment);
        if (channel == null) {
            throw new CorruptDeepRecordException("location " + offset + " of segment " + segment + " for '" + key
                    + "': no such segment in " + dir);
        }
        try {
            ByteBuffer record = readInto(channel, offset, FIRST_READS.get().clear());
            int length = record.limit() >= DeepRecordCodec.HEADER ? DeepRecordCodec.length(record) : -1;
            if (length > record.limit() && length <= MAX_RECORD) {
                record = readAt(channel, offset, length);
            }
            return DeepRecordCodec.decode(record, key, file(segment) + " at offset " + offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(segment) + " at offset " + offset, e);
        }
    }

    /** Makes every append so far durable. */
    public synchronized void sync() {
        if (!unsynced) {
            return;
        }
        try {
            segments.get(active).force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + file(active), e);
        }
        unsynced = false;
    }

    /** The numbers of the segments, oldest first. */
    public List<Long> segmentNumbers() {
        return List.copyOf(segments.keySet());
    }

    /** Appender only. The size of each segment that takes no more appends and is not retired, oldest first. */
    public Map<Long, Long> sealedSegmentSizes() {
        Map<Long, Long> sizes = new LinkedHashMap<>();
        for (Map.Entry<Long, FileChannel> segment : segments.entrySet()) {
            long number = segment.getKey();
            if ((number != active || activeEnd < 0) && !retired.containsKey(number)) {
                try {
                    sizes.put(number, segment.getValue().size());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot size " + file(number), e);
                }
            }
        }
        return sizes;
    }

    /**
     * Appender only. Marks {@code segment}, which no key refers to any more, as retired at engine sequence
     * {@code sequence} (in its file name, so a reopened log knows). Snapshots taken before may still refer to it,
     * so it stays readable until {@link #deleteRetired} finds every kept snapshot newer.
     */
    public synchronized void retire(long segment, long sequence) {
        if (segment == active && activeEnd >= 0 || !segments.containsKey(segment) || retired.containsKey(segment)) {
            throw new IllegalStateException("segment " + segment + " of " + dir + " cannot be retired");
        }
        Path from = file(segment);
        retired.put(segment, sequence);
        try {
            Files.move(from, file(segment), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            retired.remove(segment);
            throw new UncheckedIOException("cannot retire " + from, e);
        }
    }

    /** The retired segments, oldest first. */
    public List<Long> retiredSegments() {
        return List.copyOf(retired.keySet());
    }

    /**
     * Takes {@code segment} back from retirement: a state recovered from a snapshot older than its retirement
     * refers to it again.
     */
    public synchronized void unretire(long segment) {
        Path from = file(segment);
        Long at = retired.remove(segment);
        try {
            Files.move(from, file(segment), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            retired.put(segment, at);
            throw new UncheckedIOException("cannot take " + from + " back from retirement", e);
        }
    }

    /**
     * Deletes the retired segments no kept snapshot can refer to: those retired before the oldest kept snapshot's
     * sequence (a snapshot taken after the retirement saw the keys at their new records). Returns how many.
     */
    public synchronized int deleteRetired(long oldestSnapshotSequence) {
        int deleted = 0;
        for (Map.Entry<Long, Long> segment : retired.entrySet()) {
            if (segment.getValue() < oldestSnapshotSequence) {
                Path file = file(segment.getKey());
                FileChannel channel = segments.remove(segment.getKey());
                retired.remove(segment.getKey());
                try {
                    channel.close(); // a read of it in flight fails, and its store reads the key's new form again
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete retired " + file, e);
                }
                deleted++;
            }
        }
        return deleted;
    }

    /** The segment a location is in. */
    public static long segmentOf(long location) {
        return location >>> OFFSET_BITS;
    }

    /** The offset of a location's record in its segment. */
    public static long offsetOf(long location) {
        return location & ((1L << OFFSET_BITS) - 1);
    }

    /** Bytes in the segments on disk. */
    public long bytes() {
        long bytes = 0;
        for (Map.Entry<Long, FileChannel> segment : segments.entrySet()) {
            try {
                bytes += segment.getValue().size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot size " + file(segment.getKey()), e);
            }
        }
        return bytes;
    }

    @Override
    public synchronized void close() {
        if (!readOnly && segments.containsKey(active)) {
            sync();
        }
        closeChannels();
    }

    private void closeChannels() {
        for (FileChannel channel : segments.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a read or a synced append channel loses nothing
            }
        }
        segments.clear();
        retired.clear();
    }

    private void startSegment(long number) {
        if (number > MAX_SEGMENT) {
            throw new IllegalStateException("the deep log in " + dir + " has used all " + MAX_SEGMENT
                    + " segment numbers");
        }
        sync(); // the rolled segment's appends are durable before the new one takes appends
        try {
            segments.put(number, FileChannel.open(file(number), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file(number), e);
        }
        active = number;
        activeEnd = 0;
    }

    private Path file(long segment) {
        Long retiredAt = retired.get(segment);
        return dir.resolve(retiredAt == null ? String.format("segment-%08d.wdeep", segment)
                : String.format("segment-%08d.retired-%d.wdeep", segment, retiredAt));
    }

    private static ByteBuffer readAt(FileChannel channel, long offset, int length) throws IOException {
        return readInto(channel, offset, ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static ByteBuffer readInto(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break; // the segment ends here: decode judges what was read
            }
        }
        return buffer.flip();
    }
}
