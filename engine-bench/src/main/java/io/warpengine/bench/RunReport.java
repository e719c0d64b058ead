package io.warpengine.bench;

import java.util.List;
import java.util.Map;

/**
 * The whole result of one {@code ./warp bench} run, as written to {@code summary.json}.
 *
 * @param scenario   throughput, readwrite, sustained, burst, recovery or sweep
 * @param startedAt  ISO-8601 start time
 * @param machine    cores, CPU, memory, OS, JVM
 * @param settings   the full configuration: workload, scenario options and the engine's settings
 * @param targets    the engine, then the baseline when it ran
 * @param reference  the raw journal append reference measured in the same run
 * @param ratios     the engine's figures over the baseline's, and the engine's PUT rate over the reference
 * @param checklist  the seed's targets with the measured value and the verdict
 */
record RunReport(String scenario, String startedAt, MachineInfo machine, Map<String, Object> settings,
                 List<TargetReport> targets, RawJournalReference reference, Map<String, Double> ratios,
                 List<SeedChecklist.Item> checklist) {

    TargetReport target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
