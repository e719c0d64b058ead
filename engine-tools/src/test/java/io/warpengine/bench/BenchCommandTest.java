package io.warpengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warpengine.testing.LogCapture;
import io.warpengine.tools.WarpCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every scenario, run tiny: exit 0, and its summary.json, .hgrm files and chart exist and parse. */
class BenchCommandTest {

    /**
     * A SIGKILL that lands while the child holds Chronicle's journal write lock makes the reopen force that lock,
     * with a warning; where the kill lands is up to timing, so the warning is captured, not asserted.
     */
    @RegisterExtension
    final LogCapture log = new LogCapture("net.openhft.chronicle.queue.impl.single.TableStoreWriteLock");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = WarpCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JsonNode runScenario(String scenario, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench", scenario, "--keys", "2000", "--threads", "2",
                "--reference-seconds", "0.2", "--no-progress", "--results", dir.resolve("results").toString()));
        args.addAll(List.of(extra));
        assertEquals(0, run(args.toArray(String[]::new)), err + "\n" + out);
        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            runDir = runs.filter(p -> p.getFileName().toString().startsWith(scenario)).findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve(ResultsWriter.SUMMARY).toFile());
        assertEquals(scenario, summary.get("scenario").asText());
        assertTrue(summary.get("machine").get("cores").asInt() >= 1);
        assertEquals(2, summary.get("targets").size());
        assertEquals("engine", summary.get("targets").get(0).get("name").asText());
        assertEquals("baseline", summary.get("targets").get(1).get("name").asText());
        assertTrue(summary.get("reference").get("appendsPerSecond").asDouble() > 0);
        assertEquals(6, summary.get("checklist").size());
        assertTrue(summary.get("settings").get("engine").has("durability"), summary.get("settings").toString());
        for (JsonNode target : summary.get("targets")) {
            assertFalse(target.get("phases").isEmpty(), target.toString());
            for (JsonNode phase : target.get("phases")) {
                assertTrue(phase.get("operations").asLong() > 0, phase.toString());
                JsonNode all = phase.get("latency").get("all");
                all.fields().forEachRemaining(op -> assertTrue(op.getValue().get("p99Micros").asDouble() > 0, op.toString()));
            }
            assertTrue(target.get("logBytesPerWrite").asDouble() > 0, target.toString());
        }
        List<Path> hgrms;
        try (Stream<Path> files = Files.list(runDir)) {
            hgrms = files.filter(p -> p.toString().endsWith(".hgrm")).toList();
        }
        assertFalse(hgrms.isEmpty());
        for (Path hgrm : hgrms) {
            assertHgrm(hgrm);
        }
        BufferedImage chart = ImageIO.read(runDir.resolve(ResultsWriter.CHART).toFile());
        assertNotNull(chart, "latency.png is not an image");
        assertTrue(chart.getWidth() >= 800, "chart width " + chart.getWidth());
        return summary;
    }

    /** An HdrHistogram percentile file: its header, then rows of value, percentile, count, 1/(1-p). */
    private static void assertHgrm(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).trim().startsWith("Value"), file + ": " + lines.get(0));
        String[] row = lines.get(2).trim().split("\\s+");
        assertEquals(4, row.length, file + ": " + lines.get(2));
        assertTrue(Double.parseDouble(row[0]) > 0, file + ": " + lines.get(2));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#[Max")), file + " has no summary footer");
    }

    @Test
    void throughputMeasuresEachWorkloadAndTheSeedRates() throws IOException {
        JsonNode summary = runScenario("throughput", "--seconds", "0.3", "--workload", "put;get;ycsb-a;put=40,get=40,delete=20",
                "--distribution", "zipfian", "--set", "shards=2");
        JsonNode engine = summary.get("targets").get(0);
        List<String> phases = new ArrayList<>();
        engine.get("phases").forEach(p -> phases.add(p.get("name").asText()));
        assertEquals(List.of("put", "get", "ycsb-a", "put=40,get=40,delete=20"), phases);
        assertTrue(engine.get("phases").get(3).get("latency").get("all").has("DELETE"));
        assertEquals("2", summary.get("settings").get("engine").get("shards").asText());
        assertTrue(summary.get("ratios").has("put ops/s, engine / baseline"));
        assertEquals("not measured", summary.get("checklist").get(3).get("verdict").asText(),
                "throughput does not measure recovery, and must say so");
        String wal = summary.get("checklist").get(2).get("measured").asText();
        assertTrue(wal.startsWith("PUT p99 ") && wal.contains("as callers see it"),
                "the WAL target is judged by the engine's own PUT latency: " + wal);
        assertTrue(out.toString().contains("seed targets (engine):"), out.toString());
    }

    /** quantumGet and batch workloads run on both engines of --physics off,on, with the on / off ratios. */
    @Test
    void physicsWorkloadsRunWithPhysicsOnAndOffInOneRun() throws IOException {
        assertEquals(0, run("bench", "throughput", "--keys", "2000", "--threads", "2", "--reference-seconds", "0.2",
                "--no-progress", "--results", dir.resolve("results").toString(), "--seconds", "0.3", "--no-baseline",
                "--physics", "off,on", "--workload", "get;quantumget;batch;put=50,quantumget=25,batch=25"),
                err + "\n" + out);
        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve(ResultsWriter.SUMMARY).toFile());
        assertEquals("engine-physics-off", summary.get("targets").get(0).get("name").asText());
        assertEquals("engine-physics-on", summary.get("targets").get(1).get("name").asText());
        JsonNode mixed = summary.get("targets").get(1).get("phases").get(3).get("latency").get("all");
        assertTrue(mixed.has("QUANTUM_GET") && mixed.has("BATCH") && mixed.has("PUT"), mixed.toString());
        assertTrue(summary.get("ratios").has("quantumget ops/s, engine-physics-on / engine-physics-off"),
                summary.get("ratios").toString());
        assertTrue(out.toString().contains("2,000 keys entangled with 5 others each"), out.toString());
        JsonNode physics = summary.get("checklist").get(5);
        assertTrue(physics.get("measured").asText().contains("get "), physics.toString());
        assertTrue(List.of("pass", "FAIL").contains(physics.get("verdict").asText()), physics.toString());
    }

    /** The paired comparison: both orders per pair of rounds, a figure per pair, and an odd round count refused. */
    @Test
    void physicsComparesOnAndOffInPairsOfRounds() throws IOException {
        assertEquals(0, run("bench", "physics", "--keys", "2000", "--threads", "2", "--no-progress", "--results",
                dir.resolve("results").toString(), "--seconds", "0.2", "--rounds", "4", "--workload", "put;get"),
                err + "\n" + out);
        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve(ResultsWriter.SUMMARY).toFile());
        assertEquals("physics", summary.get("scenario").asText());
        JsonNode put = summary.get("workloads").get(0);
        assertEquals(4, put.get("rounds").size());
        List<Boolean> onFirst = new ArrayList<>();
        assertEquals("physics on", summary.get("settings").get("a").asText());
        for (JsonNode round : put.get("rounds")) {
            onFirst.add(round.get("aFirst").asBoolean());
            assertTrue(round.get("aOpsPerSecond").asDouble() > 0 && round.get("bOpsPerSecond").asDouble() > 0,
                    round.toString());
            assertTrue(round.has("aCheckpoints") && round.has("bCheckpoints"), round.toString());
        }
        assertEquals(List.of(true, false, true, false), onFirst);
        assertEquals(2, put.get("pairRatios").size());
        assertTrue(put.get("medianPairRatio").asDouble() > 0, put.toString());

        assertEquals(2, run("bench", "physics", "--keys", "2000", "--rounds", "3", "--no-progress"));
        assertTrue(err.toString().contains("--rounds must be an even number"), err.toString());
    }

    /** Any two configurations, paired: A's and B's settings reach their engines. */
    @Test
    void pairComparesTwoConfigurations() throws IOException {
        assertEquals(0, run("bench", "pair", "--a", "memory.max.bytes=16m", "--b", "memory.max.bytes=0", "--keys", "2000",
                "--threads", "2", "--no-progress", "--results", dir.resolve("results").toString(), "--seconds", "0.2",
                "--rounds", "2", "--workload", "get"), err + "\n" + out);
        JsonNode summary = onlySummary();
        assertEquals("16m", summary.get("settings").get("a").get("memory.max.bytes").asText());
        assertEquals("0", summary.get("settings").get("b").get("memory.max.bytes").asText());
        assertEquals(1, summary.get("workloads").get(0).get("pairRatios").size());
    }

    /** An engine past its bound: values in the deep cache, GET on both distributions with latency per tier. */
    @Test
    void tiersLoadsPastTheBoundAndTimesReadsPerTier() throws IOException {
        assertEquals(0, run("bench", "tiers", "--keys", "4000", "--value-size", "1024", "--memory", "1m", "--threads",
                "2", "--no-progress", "--results", dir.resolve("results").toString(), "--seconds", "0.2",
                "--latency-seconds", "0.2"), err + "\n" + out);
        JsonNode summary = onlySummary();
        assertTrue(summary.get("tiersAfterLoad").get("deep").get("keys").asLong() > 2000, summary.toString());
        assertEquals(2, summary.get("gets").size());
        JsonNode deep = summary.get("gets").get(1).get("latency").get(2);
        assertEquals("deep cache", deep.get("tier").asText());
        assertTrue(deep.get("reads").asLong() > 0 && deep.get("p99Micros").asDouble() > 0, deep.toString());
        assertTrue(summary.get("reopenSeconds").asDouble() > 0, summary.toString());
    }

    private JsonNode onlySummary() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            return new ObjectMapper().readTree(runs.findFirst().orElseThrow().resolve(ResultsWriter.SUMMARY).toFile());
        }
    }

    @Test
    void readwriteRunsWritersAndReadersAtOnce() throws IOException {
        JsonNode summary = runScenario("readwrite", "--seconds", "0.3", "--writers", "2", "--readers", "2");
        for (JsonNode target : summary.get("targets")) {
            JsonNode phase = target.get("phases").get(0);
            assertEquals("readwrite", phase.get("name").asText());
            assertTrue(phase.get("writesPerSecond").asDouble() > 0, target.get("name") + ": " + phase);
            assertTrue(phase.get("readsPerSecond").asDouble() > 0, target.get("name") + ": " + phase);
            JsonNode all = phase.get("latency").get("all");
            assertTrue(all.has("PUT") && all.has("GET") && !all.has("DELETE"), all.toString());
        }
        assertEquals(2, summary.get("settings").get("writers").asInt());
        assertEquals(2, summary.get("settings").get("readers").asInt());
        assertTrue(summary.get("ratios").get("readwrite writes/s, engine / baseline").asDouble() > 0);
        assertTrue(summary.get("ratios").get("readwrite reads/s, engine / baseline").asDouble() > 0);
        assertTrue(out.toString().contains("writes/s by 2 writers"), out.toString());
    }

    @Test
    void readwriteRefusesNoWriters() {
        assertEquals(WarpCli.BAD_INPUT, run("bench", "readwrite", "--writers", "0"));
        assertEquals("warp bench readwrite: --writers must be at least 1, was 0", err.toString().trim());
    }

    @Test
    void sustainedAndBurstReportTheirWindows() throws IOException {
        JsonNode sustained = runScenario("sustained", "--rate", "4000", "--seconds", "0.5");
        JsonNode phase = sustained.get("targets").get(0).get("phases").get(0);
        assertEquals("open", phase.get("loop").asText());
        assertEquals(4000, phase.get("offeredPerSecond").asDouble());
        JsonNode burst = runScenario("burst", "--base-rate", "1000", "--burst-rate", "5000", "--period-seconds", "0.4",
                "--burst-seconds", "0.1", "--seconds", "0.8");
        JsonNode windows = burst.get("targets").get(0).get("phases").get(0).get("latency");
        assertTrue(windows.has("base") && windows.has("burst"), windows.toString());
    }

    /** ~3 s in 1-second windows: soak.json has the windows with their figures, the slope and the p99 range; soak.png. */
    @Test
    void sustainedWritesTheSoakReport() throws IOException {
        runScenario("sustained", "--rate", "2000", "--seconds", "3", "--window-seconds", "1");
        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode soak = new ObjectMapper().readTree(runDir.resolve(ResultsWriter.SOAK).toFile());
        assertEquals(1.0, soak.get("windowSeconds").asDouble());
        assertFalse(soak.get("collectors").isEmpty(), soak.toString());
        assertEquals(2, soak.get("targets").size());
        for (JsonNode target : soak.get("targets")) {
            JsonNode windows = target.get("windows");
            assertEquals(3, windows.size(), "3 s in windows of 1 s: " + windows);
            for (int i = 0; i < windows.size(); i++) {
                JsonNode w = windows.get(i);
                assertEquals(i + 1, w.get("number").asInt());
                assertTrue(w.get("latency").get("count").asLong() > 0, w.toString());
                assertTrue(w.get("latency").get("p99Micros").asDouble() > 0, w.toString());
                assertTrue(w.get("latency").get("maxMicros").asDouble() >= w.get("latency").get("p999Micros").asDouble());
                assertTrue(w.get("atEnd").get("heapAfterGcBytes").asLong() > 0, w.toString());
                assertTrue(w.get("atEnd").get("journalBytes").asLong() > 0, w.toString());
            }
            assertEquals(3.0, windows.get(2).get("endSeconds").asDouble(), 0.5);
            // The slope needs a collection in windows 2 and 3; a 2 GB heap at 2,000 ops/s may see none in 3 s.
            boolean collected = windows.get(1).get("collectionsEnded").asLong() > 0
                    && windows.get(2).get("collectionsEnded").asLong() > 0;
            JsonNode slope = target.get("heapAfterGcSlopeBytesPerMinute");
            assertTrue(collected ? slope.isNumber() : slope.isNull(), target.toString());
            JsonNode p99 = target.get("p99Micros");
            assertTrue(p99.get("min").asDouble() > 0 && p99.get("max").asDouble() >= p99.get("min").asDouble(), p99.toString());
        }
        BufferedImage chart = ImageIO.read(runDir.resolve(ResultsWriter.SOAK_CHART).toFile());
        assertNotNull(chart, "soak.png is not an image");
        assertTrue(out.toString().contains("engine soak: 3 windows of 1 s"), out.toString());
        assertTrue(out.toString().contains(ResultsWriter.SOAK_CHART), out.toString());
    }

    /** The heap's slope: least squares in bytes per minute, without the first window or windows without a collection. */
    @Test
    void soakSlopeLeavesOutTheWarmUpAndWindowsWithoutACollection() {
        List<SoakWindow> windows = new ArrayList<>();
        long[] heapMb = {900, 100, 102, 999, 106, 108}; // window 1 is the warm-up, window 4 had no collection
        for (int i = 0; i < heapMb.length; i++) {
            SoakWindow.Resources atEnd = new SoakWindow.Resources(heapMb[i] * 1_000_000, i, 0, 0, 0);
            LatencySummary latency = new LatencySummary(10, 10, 1, 1, 100 + i, 1, 1, 1);
            windows.add(new SoakWindow(i + 1, 60.0 * i, 60.0 * (i + 1), latency, Map.of(), i == 3 ? 0 : 1, atEnd));
        }
        SoakReport.TargetSoak soak = SoakReport.TargetSoak.of("engine", windows.get(0).atEnd(), windows);
        assertEquals(2_000_000, soak.heapAfterGcSlopeBytesPerMinute(), 1e-3, "2 MB per one-minute window");
        assertEquals(100, soak.p99Micros().min());
        assertEquals(105, soak.p99Micros().max());
        assertEquals(6, soak.p99Micros().maxWindow());
        assertNull(SoakReport.TargetSoak.of("engine", windows.get(0).atEnd(), windows.subList(0, 2))
                .heapAfterGcSlopeBytesPerMinute(), "one window after the warm-up gives no slope");
    }

    @Test
    void sweepFindsTheHighestRateThatHeld() throws IOException {
        JsonNode summary = runScenario("sweep", "--start-rate", "1000", "--factor", "2", "--max-steps", "2",
                "--step-seconds", "0.3", "--p99-micros", "1000000");
        JsonNode sweep = summary.get("targets").get(0).get("sweep");
        assertEquals(2000, sweep.get("highestRateHeld").asDouble(), "a bound of 1 s holds at 1,000 and 2,000 ops/s");
    }

    @Test
    void recoveryAfterSigkillOfAChildProcess() throws IOException {
        JsonNode summary = runScenario("recovery", "--operations", "3000", "--seconds", "0.3", "--stop", "sigkill",
                "--replay-only");
        JsonNode recovery = summary.get("targets").get(0).get("recovery");
        assertEquals("sigkill", recovery.get("stop").asText());
        assertTrue(recovery.get("acknowledgedWrites").asLong() > 3000, "killed while writing: " + recovery);
        assertTrue(recovery.get("entriesReplayed").asLong() >= recovery.get("acknowledgedWrites").asLong(),
                "with no snapshot, recovery replays every acknowledged write (and maybe unreported ones)");
        assertEquals(0, recovery.get("lostWrites").asLong(), recovery.toString());
        assertTrue(recovery.get("afterOverBefore").asDouble() > 0);
        assertEquals("not measured", summary.get("checklist").get(3).get("verdict").asText(),
                "3,000 operations say nothing about the seed's 1M");
    }

    @Test
    void recoveryAfterCleanCloseLoadsTheSnapshot() throws IOException {
        JsonNode summary = runScenario("recovery", "--operations", "3000", "--seconds", "0.3");
        JsonNode recovery = summary.get("targets").get(0).get("recovery");
        assertEquals("close", recovery.get("stop").asText());
        assertEquals(0, recovery.get("entriesReplayed").asLong(), "the on-close snapshot covers everything");
        assertTrue(recovery.get("snapshotSequence").asLong() >= 3000, recovery.toString());
    }

    /** The policy simulation, tiny: the table, summary.json with a cell per workload, capacity and policy, and the chart. */
    @Test
    void policyPrintsHitRatiosAndWritesThemWithTheChart() throws IOException {
        assertEquals(0, run("bench", "policy", "--keys", "2000", "--operations", "30000", "--capacity", "0.05,0.25",
                "--results", dir.resolve("results").toString()), err + "\n" + out);
        assertTrue(out.toString().contains("|     clock       lru w-tinylfu |"), out.toString());
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("scan           25%         500 |")), out.toString());
        Path runDir;
        try (Stream<Path> runs = Files.list(dir.resolve("results"))) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve(ResultsWriter.SUMMARY).toFile());
        assertEquals("policy", summary.get("scenario").asText());
        assertEquals(4, summary.get("workloads").size());
        JsonNode results = summary.get("results");
        assertEquals(4 * 2 * 3, results.size());
        for (JsonNode cell : results) {
            double hitRatio = cell.get("hitRatio").asDouble();
            assertTrue(hitRatio > 0 && hitRatio < 1, cell.toString());
            assertEquals(30_000 - 2 * cell.get("capacity").asInt(), cell.get("countedReads").asInt(), cell.toString());
        }
        BufferedImage chart = ImageIO.read(runDir.resolve("policy.png").toFile());
        assertNotNull(chart, "policy.png is not an image");
        assertTrue(chart.getWidth() >= 1000, "chart width " + chart.getWidth());

        assertEquals(WarpCli.BAD_INPUT, run("bench", "policy", "--capacity", "1.5"));
        assertEquals("warp bench policy: --capacity is a fraction of the keys in (0, 1], was 1.5", err.toString().trim());
    }

    @Test
    void badInputIsOneLineNamingTheProblem() {
        assertEquals(WarpCli.BAD_INPUT, run("bench", "throughput", "--keys", "10", "--seconds", "0.1", "--set", "shards=99"));
        assertEquals("warp bench throughput: invalid value '99' for setting 'shards': expected an integer from 1 to 64",
                err.toString().trim());
    }

    @Test
    void unknownWorkloadNamesTheAllowedForms() {
        assertEquals(WarpCli.BAD_INPUT, run("bench", "sustained", "--workload", "ycsb-z"));
        assertEquals("warp bench sustained: unknown workload 'ycsb-z'; expected " + OpMix.FORMS, err.toString().trim());
    }
}
