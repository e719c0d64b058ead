package io.warpengine.bench;

import org.HdrHistogram.Histogram;

/** Count, rate and latency percentiles (microseconds) of one operation type in one phase or window. */
record LatencySummary(long count, double opsPerSecond, double p50Micros, double p90Micros, double p99Micros,
                      double p999Micros, double p9999Micros, double maxMicros) {

    static LatencySummary of(Histogram nanos, double seconds) {
        return new LatencySummary(nanos.getTotalCount(), seconds > 0 ? nanos.getTotalCount() / seconds : 0,
                micros(nanos, 50), micros(nanos, 90), micros(nanos, 99), micros(nanos, 99.9), micros(nanos, 99.99),
                nanos.getMaxValue() / 1000.0);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
