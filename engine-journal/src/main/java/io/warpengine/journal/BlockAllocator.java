package io.warpengine.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Allocates the disk blocks of the journal's current file ahead of the writer ({@code fallocate}), so that the
 * writer never stores into a page of the memory-mapped file that the disk has no block for. Such a store does not
 * fail where it is made: the kernel's SIGBUS reaches Java as an {@code InternalError} some instructions later,
 * when the entry may already be acknowledged and its bytes are missing (measured before this class: filling a
 * 24 MiB filesystem cut the last acknowledged write off as a torn tail on reopen). With the blocks allocated
 * first, a full disk is an ENOSPC from {@code fallocate}, before any byte of the entry is written. Chronicle
 * sizes its files sparsely, chunk by chunk; this never changes a file's size, only which of its blocks exist.
 *
 * <p>Writer thread only. Where the filesystem cannot {@code fallocate} (or the native call is missing) it warns
 * once and does nothing, which leaves the behaviour of a plain memory-mapped journal.
 */
final class BlockAllocator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlockAllocator.class);
    /** Allocated at a time (one {@code fallocate} per ~16,000 entries of 1 KiB), as far as the toucher works ahead. */
    static final long STEP = 16L << 20;
    /** Kept allocated past the entry: Chronicle writes its index arrays (up to 128 KiB each) at the position. */
    static final long MARGIN = 1L << 20;
    private static final long PAGE = 4096;

    private final IntFunction<Path> fileOfCycle;
    private final NativeFiles libc;
    private boolean unsupported;
    private int cycle = Integer.MIN_VALUE;
    private Path file;
    private int fd = -1;
    private long allocatedEnd;

    BlockAllocator(IntFunction<Path> fileOfCycle) {
        this.fileOfCycle = fileOfCycle;
        NativeFiles api;
        try {
            api = NativeFiles.load();
        } catch (RuntimeException | LinkageError e) {
            api = null;
            disable("no native access (" + e + ")");
        }
        this.libc = api;
    }

    /**
     * Makes sure the blocks of {@code [position, position + bytes + MARGIN)} of {@code cycle}'s file exist.
     *
     * @throws JournalFullException when the disk has no room for them
     */
    void ensure(int cycle, long position, int bytes) {
        long need = position + bytes + MARGIN;
        if (unsupported || (cycle == this.cycle && need <= allocatedEnd)) {
            return;
        }
        if (cycle != this.cycle) {
            open(cycle);
        }
        long size = sizeOf(file);
        long start = Math.max(allocatedEnd, position) & -PAGE;
        // Within the file, which Chronicle has sized past the position; the whole step, else what this entry needs.
        long end = Math.min(Math.max(need, position + STEP), size);
        if (end <= start) {
            return;
        }
        if (libc.fallocate(fd, start, end - start) != 0) {
            end = Math.min(need, size);
            if (libc.fallocate(fd, start, end - start) != 0) {
                fail(start, end);
                return; // the filesystem cannot allocate ahead: writes go on without
            }
        }
        allocatedEnd = Math.max(allocatedEnd, end);
    }

    /** Where the allocated blocks of the current file end (all of it when blocks are not allocated here). */
    long allocatedEnd() {
        return unsupported ? Long.MAX_VALUE : allocatedEnd;
    }

    private void fail(long start, long end) {
        int errno = libc.lastError();
        if (errno == NativeFiles.ENOSPC || errno == NativeFiles.EDQUOT) {
            throw new JournalFullException(String.format("no space left on the disk of the journal: cannot "
                    + "allocate %,d bytes at offset %,d of %s (%,d bytes free on its filesystem); free space there, "
                    + "then reopen the engine", end - start, start, file, freeBytes(file)));
        }
        if (errno == NativeFiles.EOPNOTSUPP || errno == NativeFiles.ENOSYS) {
            disable("the filesystem of " + file + " cannot fallocate");
            return;
        }
        throw new UncheckedIOException(new IOException("cannot allocate the blocks of journal file " + file
                + ": " + libc.describe(errno)));
    }

    private void open(int newCycle) {
        closeFile();
        Path path = fileOfCycle.apply(newCycle);
        int opened = libc.open(path.toString(), NativeFiles.O_RDWR);
        if (opened < 0) {
            int errno = libc.lastError();
            throw new UncheckedIOException(new IOException("cannot open journal file " + path
                    + " to allocate its blocks: " + libc.describe(errno)));
        }
        fd = opened;
        file = path;
        cycle = newCycle;
        allocatedEnd = 0;
    }

    private void disable(String why) {
        unsupported = true;
        LOG.warn("journal blocks are not allocated ahead of the writer ({}): on a full disk the last acknowledged "
                + "write may be lost", why);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of journal file " + path, e);
        }
    }

    private static long freeBytes(Path path) {
        try {
            return Files.getFileStore(path).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private void closeFile() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
        cycle = Integer.MIN_VALUE;
        file = null;
    }

    @Override
    public void close() {
        closeFile();
    }
}
