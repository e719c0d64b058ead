package io.warpengine.server;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis's own tools against the server: redis-cli (Debian's redis-tools, which .ci/run installs) and
 * redis-benchmark. Skipped, saying so, where they are not installed.
 */
class RedisToolsTest {

    private static final Pattern RESULT = Pattern.compile("(SET|GET): ([0-9.]+) requests per second.*");

    @TempDir
    Path dir;

    @Test
    void redisCliTalksToTheServer() throws Exception {
        assumeInstalled("redis-cli");
        try (TestServer server = TestServer.start(dir)) {
            String port = String.valueOf(server.port());
            assertEquals("PONG", run("redis-cli", "-p", port, "PING"));
            assertEquals("OK", run("redis-cli", "-p", port, "SET", "cli:key", "hello world"));
            assertEquals("hello world", run("redis-cli", "-p", port, "GET", "cli:key"));
            assertEquals("2", run("redis-cli", "-p", port, "INCRBY", "cli:n", "2"));
            assertEquals("cli:key\ncli:n", run("redis-cli", "-p", port, "--scan", "--pattern", "cli:*")
                    .lines().sorted().reduce((a, b) -> a + "\n" + b).orElse(""));
            assertEquals("OK\nQUEUED\nQUEUED\n3\nhello world", run("bash", "-c",
                    "printf 'MULTI\\nINCR cli:n\\nGET cli:key\\nEXEC\\n' | redis-cli -p " + port)
                    .replace("\n1) (integer) 3\n2) \"hello world\"", "\n3\nhello world"));
            assertEquals("ERR unknown command 'NOPE', with args beginning with:", run("redis-cli", "-p", port, "NOPE"));
        }
    }

    /**
     * The build tracks every buffer for leaks (paranoid), which makes the benchmark's 200,000 requests take five
     * times as long; here netty samples them, as it does by default.
     */
    @Test
    void redisBenchmarkCompletesSetAndGet() throws Exception {
        assumeInstalled("redis-benchmark");
        ResourceLeakDetector.Level tracking = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try (TestServer server = TestServer.start(dir)) {
            String output = run("redis-benchmark", "-p", String.valueOf(server.port()), "-t", "set,get",
                    "-n", "100000", "-q");
            List<String> results = new ArrayList<>();
            for (String line : output.split("[\r\n]+")) {
                Matcher result = RESULT.matcher(line.trim());
                if (result.matches()) {
                    results.add(result.group(1));
                    assertTrue(Double.parseDouble(result.group(2)) > 0, line);
                }
            }
            assertEquals(List.of("SET", "GET"), results, output);
            assertTrue(!output.contains("Error") && !output.contains("WARN"), output);
            assertTrue(server.engine().get("key:__rand_int__").isPresent(), "without -r, its one key");
        } finally {
            ResourceLeakDetector.setLevel(tracking);
        }
    }

    private static void assumeInstalled(String tool) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
        assumeTrue(found, tool + " is not installed (Debian: apt-get install redis-tools; .ci/run installs it), "
                + "so the server is not tried with it");
    }

    /** Runs {@code command}; its standard output without the trailing newline, after checking it exited with 0. */
    private String run(String... command) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), String.join(" ", command) + " finished");
        String output = Files.readString(out, StandardCharsets.UTF_8).stripTrailing();
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
