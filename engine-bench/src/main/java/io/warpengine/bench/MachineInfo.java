package io.warpengine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and JVM a run measured, for the report. */
public record MachineInfo(int cores, String cpu, long memoryBytes, String os, String jvm, String jvmArguments,
                   long maxHeapBytes) {

    public static MachineInfo current() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                Runtime.getRuntime().maxMemory());
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }

    private static long totalMemory() {
        return procLine("/proc/meminfo", "MemTotal:").map(MachineInfo::kibibytes).orElse(-1L);
    }

    /** Resident set size of this process, or -1 where /proc is not available. */
    static long residentBytes() {
        return procLine("/proc/self/status", "VmRSS:").map(MachineInfo::kibibytes).orElse(-1L);
    }

    /**
     * The process's proportional set size: resident memory with each shared page counted once per sharer. Unlike
     * the resident set size it counts ZGC's heap once (ZGC maps the heap three times, so VmRSS shows it thrice).
     */
    static long proportionalBytes() {
        return procLine("/proc/self/smaps_rollup", "Pss:").map(MachineInfo::kibibytes).orElse(-1L);
    }

    /** Live heap: used heap right after a full collection. */
    static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long kibibytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
