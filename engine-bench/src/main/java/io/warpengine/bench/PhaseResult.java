package io.warpengine.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one measured phase produced.
 *
 * @param name             the phase, e.g. {@code put} or {@code ycsb-a} or {@code 150000/s}
 * @param loop             {@code closed} (callers back to back) or {@code open} (a fixed offered rate)
 * @param offeredPerSecond the offered rate of an open loop; 0 for a closed loop
 * @param seconds          measured duration
 * @param operations       operations completed
 * @param perSecondRates   completed operations in each whole second of the phase
 * @param windowSeconds    seconds the phase spent in each window
 * @param histograms       latency in nanoseconds by window ({@code all}, or {@code base} and {@code burst}) and
 *                         operation; for an open loop measured from each operation's intended start; with the
 *                         windows {@code ckpt} and {@code other} when the target wrote a checkpoint during the phase
 * @param checkpoints      the checkpoints the target wrote during the phase
 */
record PhaseResult(String name, String loop, double offeredPerSecond, double seconds, long operations,
                   List<Long> perSecondRates, Map<String, Double> windowSeconds,
                   @JsonIgnore Map<String, Map<Op, Histogram>> histograms, List<CheckpointWindows.Seen> checkpoints) {

    static final String ALL = "all";

    @JsonProperty
    public double opsPerSecond() {
        return operations / seconds;
    }

    /** The best whole second: the highest rate the target sustained for a second. */
    @JsonProperty
    public long bestSecondOpsPerSecond() {
        return perSecondRates.stream().mapToLong(Long::longValue).max().orElse(Math.round(opsPerSecond()));
    }

    /** Percentiles by window and operation, for the JSON summary. */
    @JsonProperty
    public Map<String, Map<Op, LatencySummary>> latency() {
        Map<String, Map<Op, LatencySummary>> out = new LinkedHashMap<>();
        histograms.forEach((window, byOp) -> {
            Map<Op, LatencySummary> summaries = new LinkedHashMap<>();
            byOp.forEach((op, h) -> summaries.put(op, LatencySummary.of(h, windowSeconds.getOrDefault(window, 0.0))));
            out.put(window, summaries);
        });
        return out;
    }

    /** PUTs and DELETEs per second over the phase (window {@code all}). */
    @JsonProperty
    public double writesPerSecond() {
        return opsPerSecond(Op.PUT) + opsPerSecond(Op.DELETE);
    }

    /** GETs per second over the phase (window {@code all}). */
    @JsonProperty
    public double readsPerSecond() {
        return opsPerSecond(Op.GET);
    }

    /** Rate of one operation over the phase. */
    double opsPerSecond(Op op) {
        Histogram h = histograms.get(ALL) != null ? histograms.get(ALL).get(op) : null;
        return h == null ? 0 : h.getTotalCount() / seconds;
    }
}
