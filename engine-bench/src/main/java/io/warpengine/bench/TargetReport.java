package io.warpengine.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Everything measured on one target (the engine or the baseline) in one run.
 *
 * @param name              {@code engine} or {@code baseline}
 * @param loadSeconds       time to insert every key once (also the JIT warm-up); 0 when the scenario has no load
 * @param phases            the measured phases, in order
 * @param memory            heap and resident memory with the target open and loaded
 * @param logBytesPerWrite  log bytes appended per PUT or DELETE (journal entries and headers for the engine)
 * @param recovery          what the {@code recovery} scenario measured; null in the others
 * @param sweep             what the {@code sweep} scenario found; null in the others
 */
record TargetReport(String name, double loadSeconds, List<PhaseResult> phases, Memory memory,
                    double logBytesPerWrite, RecoveryResult recovery, SweepResult sweep) {

    /**
     * @param liveHeapBytes   used heap after a full collection, the target open
     * @param runnerHeapBytes the same before the target opened: the runner's own keys and values
     * @param targetHeapBytes the difference: what the target holds
     * @param residentBytes   the process's resident set (includes mapped journal pages); -1 if unknown
     */
    record Memory(long liveHeapBytes, long runnerHeapBytes, long targetHeapBytes, long residentBytes) {
    }

    /**
     * @param stop               {@code close} or {@code sigkill}
     * @param acknowledgedWrites PUTs acknowledged before the stop: {@code --operations} for close; for sigkill, the
     *                           count the child had reported when it was killed (a few more: it was still writing)
     * @param lostWrites         keys whose last acknowledged write was not found after the reopen (missing, older,
     *                           or another value); must be 0
     * @param keysChecked        keys with an acknowledged write, each read back after the reopen
     * @param lostExamples       a few of the lost writes, described
     * @param reopenSeconds      time to open the stopped target again
     * @param snapshotSequence   sequence of the snapshot recovery loaded (engine; 0 when none)
     * @param entriesReplayed    journal entries replayed (engine) or log records read (baseline)
     * @param beforeOpsPerSecond PUT rate of the second half of the {@code --operations} writes (phase before stop)
     * @param afterOpsPerSecond  PUT rate measured right after reopening, for {@code --seconds}
     */
    record RecoveryResult(String stop, long acknowledgedWrites, long lostWrites, long keysChecked,
                          List<String> lostExamples, double reopenSeconds, long snapshotSequence, long entriesReplayed,
                          double beforeOpsPerSecond, double afterOpsPerSecond) {
        @JsonProperty
        public double afterOverBefore() {
            return afterOpsPerSecond / beforeOpsPerSecond;
        }
    }

    /**
     * @param p99BoundMicros  the latency bound each step had to hold (p99 of every operation type)
     * @param highestRateHeld the highest offered rate that held the bound and was achieved; 0 if none did
     */
    record SweepResult(double p99BoundMicros, double highestRateHeld) {
    }

    TargetReport withSweep(SweepResult result) {
        return new TargetReport(name, loadSeconds, phases, memory, logBytesPerWrite, recovery, result);
    }

    /** The first phase with this name, or null. */
    PhaseResult phase(String phaseName) {
        return phases.stream().filter(p -> p.name().equals(phaseName)).findFirst().orElse(null);
    }
}
