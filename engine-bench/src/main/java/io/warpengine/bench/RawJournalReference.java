package io.warpengine.bench;

import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalWriter;
import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The physical reference of a run: the same PUT entries appended straight to a journal by one thread, with no
 * engine around it (no ring, no map, no caller hand-off). Its rate bounds what one journal thread can do.
 *
 * @param appendsPerSecond  appends per second, timed in bulk
 * @param bytesPerAppend    journal bytes per entry, Chronicle's header included
 * @param appendLatency     latency of single appends (each timed on its own, in a second pass)
 */
record RawJournalReference(double appendsPerSecond, double bytesPerAppend, LatencySummary appendLatency) {

    static RawJournalReference measure(Path dir, String rollCycle, Workload workload, double seconds) {
        byte[][] keys = new byte[Math.min(workload.keyCount(), 1 << 16)][];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = workload.nextKey(rnd).getBytes(StandardCharsets.UTF_8);
        }
        try (Journal journal = Journal.open(dir, rollCycle, false); JournalWriter writer = journal.writer()) {
            long sequence = 0;
            long end = System.nanoTime() + (long) (seconds / 2 * 1e9);
            long start = System.nanoTime();
            long bulk = 0;
            while (System.nanoTime() < end && !Cancellation.requested()) {
                for (int i = 0; i < 1024; i++, bulk++) {
                    sequence++;
                    writer.appendPut(sequence, sequence, keys[(int) (sequence % keys.length)], workload.value(sequence));
                }
            }
            double rate = bulk / ((System.nanoTime() - start) / 1e9);
            double bytesPerAppend = (double) writer.bytesAppended() / bulk;
            Histogram latency = new Histogram(ClosedLoop.MAX_LATENCY_NANOS, 3);
            end = System.nanoTime() + (long) (seconds / 2 * 1e9);
            start = System.nanoTime();
            while (System.nanoTime() < end && !Cancellation.requested()) {
                sequence++;
                long t0 = System.nanoTime();
                writer.appendPut(sequence, sequence, keys[(int) (sequence % keys.length)], workload.value(sequence));
                latency.recordValue(System.nanoTime() - t0);
            }
            Cancellation.check();
            return new RawJournalReference(rate, bytesPerAppend,
                    LatencySummary.of(latency, (System.nanoTime() - start) / 1e9));
        }
    }
}
