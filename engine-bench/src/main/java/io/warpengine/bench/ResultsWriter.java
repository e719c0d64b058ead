package io.warpengine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's files into a fresh folder of the results directory: {@code summary.json} (every figure, the
 * configuration and the machine), one HdrHistogram percentile file ({@code .hgrm}, microseconds, loadable in
 * HdrHistogram's plotter) per target, phase, window and operation, and {@code latency.png}; for a soak, also
 * {@code soak.json} and {@code soak.png}.
 */
public final class ResultsWriter {

    public static final String SUMMARY = "summary.json";
    static final String CHART = "latency.png";
    static final String SOAK = "soak.json";
    static final String SOAK_CHART = "soak.png";

    private ResultsWriter() {
    }

    /** Writes the files and returns the run's folder. */
    static Path write(RunReport report, Path resultsDir) {
        try {
            Path dir = runDirectory(report.scenario(), resultsDir);
            Map<String, Histogram> curves = new LinkedHashMap<>();
            for (TargetReport target : report.targets()) {
                for (PhaseResult phase : target.phases()) {
                    phase.histograms().forEach((window, byOp) -> byOp.forEach((op, h) -> {
                        if (h.getTotalCount() == 0) {
                            return; // no call of op completed in this window (e.g. no GET during a checkpoint)
                        }
                        String name = target.name() + " " + phase.name() + (PhaseResult.ALL.equals(window) ? "" : " " + window) + " " + op;
                        writeHgrm(dir.resolve(fileName(name) + ".hgrm"), h);
                        if (!PhaseResult.ALL.equals(window) || phase.histograms().size() == 1) {
                            curves.put(name, h);
                        }
                    }));
                }
            }
            LatencyChart.write(dir.resolve(CHART), "WarpEngine " + report.scenario() + ": latency by percentile", curves);
            writeSummary(dir, report);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + resultsDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code report} alone (a scenario without histograms) as the summary of a fresh folder; returns it. */
    public static Path writeSummary(String scenario, Object report, Path resultsDir) {
        try {
            Path dir = runDirectory(scenario, resultsDir);
            writeSummary(dir, report);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + resultsDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code soak} into the run's folder {@code dir} as {@value #SOAK} and {@value #SOAK_CHART}; returns their names. */
    static List<String> writeSoak(Path dir, SoakReport soak) {
        try {
            writeJson(dir.resolve(SOAK), soak);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SOAK) + ": " + e.getMessage(), e);
        }
        SoakChart.write(dir.resolve(SOAK_CHART), "WarpEngine " + soak.scenario(), soak);
        return List.of(SOAK, SOAK_CHART);
    }

    private static Path runDirectory(String scenario, Path resultsDir) throws IOException {
        Path dir = resultsDir.resolve(scenario + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)));
        return Files.createDirectories(dir);
    }

    private static void writeSummary(Path dir, Object report) throws IOException {
        writeJson(dir.resolve(SUMMARY), report);
    }

    private static void writeJson(Path file, Object value) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), value);
    }

    private static void writeHgrm(Path file, Histogram nanos) {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            nanos.outputPercentileDistribution(out, 1000.0); // nanoseconds recorded, microseconds written
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String fileName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
    }
}
