package io.warpengine.journal;

import net.openhft.chronicle.core.Jvm;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Dirties the journal's pages a little ahead of the writer, from its own thread, so the writer finds them
 * present and dirty. Measured on this project's VM: a thread writing fresh pages of a memory-mapped file stalls
 * ~20 ms every 8 MiB (the fault reads the 8 MiB read-ahead window around the page; see
 * {@link #adviseNoReadAround}), which put 20 ms pauses into the writer every ~55,000 entries. Touching the pages
 * first takes those faults on this thread, one page each. (Chronicle's own pretoucher is not in its open-source
 * build.)
 *
 * <p>A touch is a compare-and-set of 8 bytes from 0 to 0 through a second mapping of the same file: it dirties
 * the page and can never change data, even if the writer got there first.
 */
final class PageToucher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageToucher.class);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final int PAGE = 4096;
    private static final long WINDOW = 256L << 20;
    /** The pause between looks while the writer moves on; doubled after each look that touched nothing. */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The longest pause, once the writer has stopped: an idle engine's toucher looked 1,000 times a second, 2.3% of a
     * core doing nothing. The touched pages run 16 MiB ahead, which a writer takes 250 ms to reach at 64 MB/s (484K
     * PUT/s of 100-byte values), so waking every 16 ms still keeps ahead.
     */
    private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

    private final IntFunction<Path> fileOfCycle;
    private final long aheadBytes;
    private final Thread thread;
    // Written by the writer on every append, read here: release/acquire (a plain store on x86), not volatile
    // (a fence per store on the journal thread's hot path). The position is stored before the cycle.
    private static final VarHandle WRITER_CYCLE;
    private static final VarHandle WRITER_POSITION;
    private static final VarHandle WRITER_LIMIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            WRITER_CYCLE = lookup.findVarHandle(PageToucher.class, "writerCycle", int.class);
            WRITER_POSITION = lookup.findVarHandle(PageToucher.class, "writerPosition", long.class);
            WRITER_LIMIT = lookup.findVarHandle(PageToucher.class, "writerLimit", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through WRITER_CYCLE
    private int writerCycle = Integer.MIN_VALUE;
    @SuppressWarnings("unused") // accessed through WRITER_POSITION
    private long writerPosition;
    @SuppressWarnings("unused") // accessed through WRITER_LIMIT
    private long writerLimit;
    private volatile boolean closed;
    private static volatile boolean adviceWarned;

    private int cycle = Integer.MIN_VALUE;
    private FileChannel channel;
    private MappedByteBuffer window;
    private long windowStart;
    private long touched;
    private volatile long touchedUpTo;

    /**
     * @param fileOfCycle the journal file of a cycle
     * @param aheadBytes  how far ahead of the writer's position pages are touched
     */
    PageToucher(IntFunction<Path> fileOfCycle, long aheadBytes) {
        this.fileOfCycle = fileOfCycle;
        this.aheadBytes = aheadBytes;
        this.thread = new Thread(this::run, "warp-journal-toucher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Called by the writer after each append: where it is now, and up to where the file's blocks are allocated
     * ({@link BlockAllocator}): a page past that may have no block, and touching it would fault on a full disk.
     */
    void advanced(int cycle, long position, long limit) {
        WRITER_POSITION.setRelease(this, position);
        WRITER_LIMIT.setRelease(this, limit);
        WRITER_CYCLE.setRelease(this, cycle);
    }

    private void run() {
        long pause = IDLE_NANOS;
        while (!closed) {
            long before = touched;
            try {
                touchAhead();
            } catch (IOException | RuntimeException | InternalError e) {
                // A file that shrank or went away under the mapping: start again from the writer's next report.
                LOG.debug("journal page toucher: {}", e.toString());
                release();
            }
            pause = touched != before ? IDLE_NANOS : Math.min(pause * 2, MAX_IDLE_NANOS);
            LockSupport.parkNanos(pause);
        }
        release();
    }

    private void touchAhead() throws IOException {
        int c = (int) WRITER_CYCLE.getAcquire(this);
        long position = (long) WRITER_POSITION.getAcquire(this);
        if (c == Integer.MIN_VALUE) {
            return;
        }
        if (c != cycle) {
            release();
            cycle = c;
            channel = FileChannel.open(fileOfCycle.apply(c), StandardOpenOption.READ, StandardOpenOption.WRITE);
            touched = position;
        }
        touched = Math.max(touched, (position + PAGE) & -PAGE); // never at or behind the page being written
        long limit = (long) WRITER_LIMIT.getAcquire(this);
        long target = Math.min(Math.min(position + aheadBytes, limit), channel.size()) - Long.BYTES;
        while (touched < target && !closed) {
            if (window == null || touched >= windowStart + window.capacity() - Long.BYTES) {
                windowStart = touched & -PAGE;
                window = channel.map(FileChannel.MapMode.READ_WRITE, windowStart, Math.min(WINDOW, channel.size() - windowStart));
                adviseNoReadAround(window);
            }
            LONGS.compareAndSet(window, (int) (touched - windowStart), 0L, 0L);
            touched += PAGE;
        }
        touchedUpTo = touched;
    }

    /**
     * Turns off the kernel's read-around for this mapping. A fault on a page of the file that is not in memory
     * otherwise reads the whole read-ahead window around it (8 MiB on this project's VM: zeroing 8 MiB of the
     * file's unwritten blocks), in one stretch of kernel time that nothing else on that core can interrupt:
     * perf sched showed this thread holding a core for 26-38 ms while callers queued on it, the stalls that put
     * PUT p99 at 16-140 ms at 100K/s. With the advice a fault brings in only its page. Where the native call is
     * not available the toucher works as before, with the stalls (warned once).
     *
     * @return whether the advice took effect
     */
    static boolean adviseNoReadAround(MappedByteBuffer mapping) {
        String failure;
        try {
            int rc = PosixAPI.posix().madvise(Jvm.address(mapping), mapping.capacity(), MAdviseFlag.MADV_RANDOM);
            if (rc == 0) {
                return true;
            }
            failure = "madvise returned " + rc;
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
        }
        if (!adviceWarned) {
            adviceWarned = true;
            LOG.warn("journal page toucher: cannot turn off read-around ({}); writes may stall while it faults pages in", failure);
        }
        return false;
    }

    private void release() {
        window = null; // unmapped when collected: Java 17 has no public unmap
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the journal page toucher's file: {}", e.toString());
            }
            channel = null;
        }
        cycle = Integer.MIN_VALUE;
    }

    /** How far the current file has been touched: lets a test wait for the toucher instead of sleeping. */
    long touchedUpTo() {
        return touchedUpTo;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
