package io.warpengine.bench;

import java.util.Map;

/**
 * One window of a soak run: the latency of the calls that completed in it, and the process's resources at its end.
 *
 * @param number       1 for the first window (the warm-up the heap slope leaves out), then 2, 3...
 * @param startSeconds start, seconds after the phase began
 * @param endSeconds   end, seconds after the phase began (the last window ends when the last call did)
 * @param latency      count, rate and percentiles of every operation type together, from each call's due time
 * @param p99MicrosByOp p99 of each operation type alone
 * @param collectionsEnded garbage collections that ended in the window; with none, {@code atEnd}'s heap after GC
 *                     is an earlier window's figure, and the heap's trend leaves it out
 * @param atEnd        heap after GC, journal bytes and RSS when the window closed
 */
record SoakWindow(int number, double startSeconds, double endSeconds, LatencySummary latency,
                  Map<Op, Double> p99MicrosByOp, long collectionsEnded, Resources atEnd) {

    /** Whether the heap after GC at the window's end was measured by a collection that ended in it. */
    boolean freshHeapFigure() {
        return collectionsEnded > 0 && atEnd.heapAfterGcBytes() >= 0;
    }

    /**
     * What the process held at one moment.
     *
     * @param heapAfterGcBytes heap used right after the newest garbage collection; -1 before the first
     * @param collections      garbage collections so far (cycles, for a concurrent collector): if it did not move
     *                         over a window, the window's heap figure is an older collection's
     * @param journalBytes     size of the target's journal (or log) files on disk; -1 if the target cannot tell
     * @param journalBytesWritten bytes the target appended to its journal (or log) since it opened
     * @param residentBytes    the process's resident set (heap, mapped journal pages; under ZGC on Java 17 the
     *                         heap counts up to three times, as it is mapped at three addresses); -1 without /proc
     */
    record Resources(long heapAfterGcBytes, long collections, long journalBytes, long journalBytesWritten,
                     long residentBytes) {

        /** Reads them now. */
        static Resources of(Target target) {
            HeapAfterGc.Sample heap = HeapAfterGc.sample();
            long journal;
            try {
                journal = target.journalBytesOnDisk();
            } catch (RuntimeException e) { // e.g. a journal file rolled away while listed: a gap, not a failed run
                journal = -1;
            }
            return new Resources(heap.bytes(), heap.collections(), journal, target.logBytesWritten(),
                    MachineInfo.residentBytes());
        }
    }
}
