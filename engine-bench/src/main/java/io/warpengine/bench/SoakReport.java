package io.warpengine.bench;

import java.util.List;

/**
 * The soak report of a run, as written to {@code soak.json}: per target, its windows of wall-clock time and what
 * they show over the run: whether the heap after GC drifts, how far the per-window p99 moves, how the journal grows.
 *
 * @param scenario      the scenario that ran
 * @param windowSeconds the windows' length (the last window of a phase may be up to half a window longer or shorter)
 * @param warmUpWindows windows at the start that the heap slope leaves out
 * @param collectors    the garbage collectors whose latest collection gives the heap after GC
 * @param targets       one entry per target, in the order they ran
 */
record SoakReport(String scenario, double windowSeconds, int warmUpWindows, List<String> collectors,
                  List<TargetSoak> targets) {

    /**
     * The first window holds the load's after-effects (its garbage, the checkpoint it made due, JIT of code the
     * load did not reach): a trend fitted through it would show them, not a drift.
     */
    static final int WARM_UP_WINDOWS = 1;

    /**
     * One target's windows and their summary.
     *
     * @param name                           the target
     * @param atStart                        resources read just before the phase
     * @param windows                        the windows, in order
     * @param heapAfterGcSlopeBytesPerMinute least-squares slope of the heap after GC against each window's end, over
     *                                       the windows after the warm-up in which a collection ended; null with
     *                                       fewer than two of them
     * @param p99Micros                      lowest and highest per-window p99 of every operation together, over the
     *                                       windows in which a call completed; null if none did
     */
    record TargetSoak(String name, SoakWindow.Resources atStart, List<SoakWindow> windows,
                      Double heapAfterGcSlopeBytesPerMinute, Range p99Micros) {

        /** Summarises one target's windows. */
        static TargetSoak of(String name, SoakWindow.Resources atStart, List<SoakWindow> windows) {
            Fit fit = Fit.heapAfterGc(windows);
            return new TargetSoak(name, atStart, List.copyOf(windows), fit == null ? null : fit.slopePerMinute(),
                    Range.p99(windows));
        }

        /** Resources read when the last window closed ({@link #atStart} if there was none). */
        SoakWindow.Resources atEnd() {
            return windows.isEmpty() ? atStart : windows.get(windows.size() - 1).atEnd();
        }
    }

    /**
     * The lowest and highest of a figure over windows, with the windows' numbers.
     *
     * @param min       lowest value
     * @param minWindow number of the window with the lowest
     * @param max       highest value
     * @param maxWindow number of the window with the highest
     */
    record Range(double min, int minWindow, double max, int maxWindow) {

        /** Of the per-window p99, over the windows in which a call completed; null if none did. */
        static Range p99(List<SoakWindow> windows) {
            Range r = null;
            for (SoakWindow w : windows) {
                if (w.latency().count() == 0) {
                    continue; // a p99 of nothing is 0, not a fast window
                }
                double p99 = w.latency().p99Micros();
                if (r == null) {
                    r = new Range(p99, w.number(), p99, w.number());
                } else if (p99 < r.min) {
                    r = new Range(p99, w.number(), r.max, r.maxWindow);
                } else if (p99 > r.max) {
                    r = new Range(r.min, r.minWindow, p99, w.number());
                }
            }
            return r;
        }
    }

    /**
     * A least-squares line through the heap after GC (bytes) against each window's end (minutes).
     *
     * @param slopePerMinute bytes per minute
     * @param meanMinutes    the mean of the windows' ends, where the line passes through {@code meanBytes}
     * @param meanBytes      the mean heap after GC
     */
    record Fit(double slopePerMinute, double meanMinutes, double meanBytes) {

        /**
         * Fitted over {@link #windows}; null with fewer than two. A window without a collection repeats an earlier
         * window's figure at a later time, and would pull the slope towards 0.
         */
        static Fit heapAfterGc(List<SoakWindow> windows) {
            List<SoakWindow> used = windows(windows);
            if (used.size() < 2) {
                return null;
            }
            // Centred sums: bytes are ~1e9, and the textbook n*Sxy - Sx*Sy form cancels away the digits that matter.
            double mx = used.stream().mapToDouble(w -> w.endSeconds() / 60).average().orElseThrow();
            double my = used.stream().mapToDouble(w -> w.atEnd().heapAfterGcBytes()).average().orElseThrow();
            double sxy = 0;
            double sxx = 0;
            for (SoakWindow w : used) {
                double dx = w.endSeconds() / 60 - mx;
                sxy += dx * (w.atEnd().heapAfterGcBytes() - my);
                sxx += dx * dx;
            }
            return sxx == 0 ? null : new Fit(sxy / sxx, mx, my);
        }

        /** The windows a fit uses: after the warm-up, with a collection that ended in them. */
        static List<SoakWindow> windows(List<SoakWindow> windows) {
            return windows.stream().filter(w -> w.number() > WARM_UP_WINDOWS && w.freshHeapFigure()).toList();
        }

        /** The line's heap bytes at {@code minutes}. */
        double bytesAt(double minutes) {
            return meanBytes + slopePerMinute * (minutes - meanMinutes);
        }
    }
}
