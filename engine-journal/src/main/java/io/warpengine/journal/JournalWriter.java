package io.warpengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Appends entries to the journal. One thread at a time: the engine's writer role passes it from caller thread to
 * caller thread (each hand-over is ordered by the role's lock), so Chronicle's check that one thread owns an
 * appender is turned off for it. An entry is in the
 * memory-mapped file (and survives the death of this process) when an append method returns; it reaches the
 * device after {@link #flush()} when the journal was opened with sync on flush.
 */
public final class JournalWriter implements AutoCloseable {

    private static final int DOCUMENT_HEADER_BYTES = 4;

    private final ExcerptAppender appender;
    private final boolean syncOnFlush;
    private final EntryCodec codec = new EntryCodec();
    /** Bytes appended by this writer, Chronicle's 4-byte document header included; read by other threads. */
    private final AtomicLong bytesAppended = new AtomicLong();

    private final PageToucher toucher;
    private final BlockAllocator blocks;
    private final IntFunction<Path> fileOfCycle;
    private final FileModes modes;
    /** The cycle whose file has been given the journal's file mode. */
    private int restrictedCycle = Integer.MIN_VALUE;
    /** What starts each new file ({@link FileIdentity}), or null. */
    private final FileIdentity.Stamp identity;
    /** The cycle whose file was checked for (or given) the identity. */
    private int identifiedCycle = Integer.MIN_VALUE;

    JournalWriter(ExcerptAppender appender, boolean syncOnFlush, PageToucher toucher, BlockAllocator blocks,
                  IntFunction<Path> fileOfCycle, FileModes modes, FileIdentity.Stamp identity) {
        this.identity = identity;
        this.appender = appender;
        appender.singleThreadedCheckDisabled(true);
        this.syncOnFlush = syncOnFlush;
        this.toucher = toucher;
        this.blocks = blocks;
        this.fileOfCycle = fileOfCycle;
        this.modes = modes;
    }

    public void appendPut(long sequence, long timestampMicros, byte[] keyUtf8, byte[] value) {
        write(codec.encodePut(sequence, timestampMicros, keyUtf8, value));
    }

    public void appendDelete(long sequence, long timestampMicros, byte[] keyUtf8) {
        write(codec.encodeDelete(sequence, timestampMicros, keyUtf8));
    }

    /** As {@link #appendPut(long, long, byte[], byte[])}, the key encoded straight into the frame. */
    public void appendPut(long sequence, long timestampMicros, String key, byte[] value) {
        write(codec.encodePut(sequence, timestampMicros, key, value));
    }

    /** As {@link #appendDelete(long, long, byte[])}, the key encoded straight into the frame. */
    public void appendDelete(long sequence, long timestampMicros, String key) {
        write(codec.encodeDelete(sequence, timestampMicros, key));
    }

    /** As {@link #appendPut(long, long, String, byte[])}, also setting the key's put options (0: the defaults). */
    public void appendPut(long sequence, long timestampMicros, String key, byte[] value, byte options) {
        write(codec.encodePut(sequence, timestampMicros, key, value, options));
    }

    /** As {@link #appendPut(long, long, String, byte[], byte)}, also setting the key's expiry time (0: none). */
    public void appendPut(long sequence, long timestampMicros, String key, byte[] value, byte options,
                          long expiresAtMillis) {
        write(codec.encodePut(sequence, timestampMicros, key, value, options, expiresAtMillis));
    }

    /** {@code key}'s expiry time set to {@code expiresAtMillis} (ms since the epoch), or removed when 0. */
    public void appendExpire(long sequence, long timestampMicros, String key, long expiresAtMillis) {
        write(codec.encodeExpire(sequence, timestampMicros, key, expiresAtMillis));
    }

    /** Those of {@code keys} expired as of the entry's time, reclaimed. */
    public void appendReap(long sequence, long timestampMicros, List<String> keys) {
        write(codec.encodeReap(sequence, timestampMicros, keys));
    }

    public void appendEntangle(long sequence, long timestampMicros, String primary, List<String> related,
                               float strength) {
        write(codec.encodeEntangle(sequence, timestampMicros, primary, related, strength));
    }

    public void appendDisentangle(long sequence, long timestampMicros, String primary, List<String> related) {
        write(codec.encodeDisentangle(sequence, timestampMicros, primary, related));
    }

    public void appendPlace(long sequence, long timestampMicros, int logicalShards, int writers, int logicalShard,
                            int writer) {
        write(codec.encodePlace(sequence, timestampMicros, logicalShards, writers, logicalShard, writer));
    }

    /**
     * Starts a BATCH entry of {@code members} key changes: add exactly that many through {@link #batchPut} and
     * {@link #batchDelete}, then {@link #appendBatch()}. Nothing reaches the journal before that call.
     */
    public void beginBatch(long sequence, long timestampMicros, int members) {
        codec.beginBatch(sequence, timestampMicros, members);
    }

    public void batchPut(String key, byte[] value) {
        codec.batchPut(key, value);
    }

    public void batchDelete(String key) {
        codec.batchDelete(key);
    }

    /** A batch put member with put options and an expiry time (0: none). */
    public void batchPut(String key, byte[] value, byte options, long expiresAtMillis) {
        codec.batchPut(key, value, options, expiresAtMillis);
    }

    /** A batch member setting {@code key}'s expiry time (0: removing it). */
    public void batchExpire(String key, long expiresAtMillis) {
        codec.batchExpire(key, expiresAtMillis);
    }

    /** Appends the batch begun with {@link #beginBatch}, as one entry. */
    public void appendBatch() {
        write(codec.finishBatch());
    }

    /** Appends an entry already encoded (a frame read back from a journal): the tail cutter's copy. */
    void appendFrame(byte[] frame) {
        write(ByteBuffer.wrap(frame));
    }

    /** Makes every entry appended so far durable against power loss, when the journal syncs on flush. */
    public void flush() {
        if (syncOnFlush) {
            appender.sync();
        }
    }

    /**
     * @throws JournalFullException when the disk has no room for the entry; nothing of it is then written
     */
    private void write(ByteBuffer frame) {
        if (identity != null) {
            identifyNewFile();
        }
        long end;
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            prepare(dc, frame.limit());
            bytes.write(frame.array(), 0, frame.limit());
            end = bytes.writePosition();
        }
        toucher.advanced(appender.cycle(), end, blocks.allocatedEnd());
        bytesAppended.setRelease(bytesAppended.getPlain() + DOCUMENT_HEADER_BYTES + frame.limit());
    }

    /**
     * When this append is the first of a file that does not exist yet, writes the identity first: as metadata it
     * rolls to the new file like an entry would, and readers of entries pass it by.
     */
    private void identifyNewFile() {
        int cycle = identity.currentCycle().getAsInt();
        if (cycle == identifiedCycle) {
            return;
        }
        identifiedCycle = cycle;
        if (Files.exists(fileOfCycle.apply(cycle))) {
            return; // appending to an existing file: it was stamped (or not, when older than ids) as it was made
        }
        try (DocumentContext dc = appender.writingDocument(true)) {
            prepare(dc, FileIdentity.LENGTH);
            dc.wire().bytes().write(identity.record());
        }
    }

    /**
     * Readies the open document for {@code bytes} of data. Inside the document a roll to a new file has happened by
     * now: a file Chronicle just created gets the journal's mode (it has the umask's), and the blocks the data needs
     * are allocated. On failure the document is rolled back, so nothing of it is written.
     */
    private void prepare(DocumentContext dc, int bytes) {
        try {
            int cycle = appender.cycle();
            if (cycle != restrictedCycle) {
                modes.restrict(fileOfCycle.apply(cycle));
                restrictedCycle = cycle;
            }
            blocks.ensure(cycle, dc.wire().bytes().writePosition(), bytes);
        } catch (RuntimeException | Error e) {
            dc.rollbackOnClose();
            throw e;
        }
    }

    /** Bytes this writer has appended to the journal, Chronicle's per-document header included. */
    public long bytesAppended() {
        return bytesAppended.getAcquire();
    }

    @Override
    public void close() {
        toucher.close();
        blocks.close();
        appender.close();
    }
}
