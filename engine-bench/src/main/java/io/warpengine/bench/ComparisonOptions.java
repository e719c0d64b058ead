package io.warpengine.bench;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a scenario measures the engine against: the naive baseline, the raw journal, the engine with physics off. */
final class ComparisonOptions {

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the naive design (synchronized HashMap + FileChannel) and report ratios "
                    + "(default: on).")
    boolean baseline;

    @Option(names = "--reference-seconds", defaultValue = "2",
            description = "Seconds spent measuring the raw journal append reference (default ${DEFAULT-VALUE}).")
    double referenceSeconds;

    @Option(names = "--physics", paramLabel = "PHYSICS", hideParamSyntax = true, split = ",", defaultValue = "on",
            description = "Engine physics: on (pattern rules on, the first 10000 keys each entangled with the next 5), "
                    + "off (rules off, nothing entangled), or on,off (or off,on) to measure both engines in one run, "
                    + "in that order, with their ratios (default ${DEFAULT-VALUE}).")
    List<String> physics;

    /** The physics settings to measure the engine with, in order: true for on. */
    List<Boolean> physicsRuns() {
        List<Boolean> runs = new ArrayList<>();
        for (String p : physics) {
            switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "on" -> runs.add(true);
                case "off" -> runs.add(false);
                default -> throw new IllegalArgumentException("--physics takes on, off or on,off, not '" + p + "'");
            }
        }
        if (runs.isEmpty() || runs.stream().distinct().count() != runs.size()) {
            throw new IllegalArgumentException("--physics takes on, off or on,off, was " + physics);
        }
        return runs;
    }

    /** The comparison part of the report's configuration. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline", baseline);
        m.put("physics", physics);
        return m;
    }
}
