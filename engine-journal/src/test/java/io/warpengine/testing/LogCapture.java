package io.warpengine.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures, while each test runs, what the named loggers write, so that a test which provokes a failure on purpose
 * asserts that it was logged instead of printing it into every build. slf4j-simple writes each record, and its
 * stack trace, to whatever {@code System.err} is at that moment; the capture replaces it for the test's duration.
 * When the test ends, output of any other logger goes on to the real stderr, and a failed test's whole capture
 * does too, for its diagnosis.
 *
 * <pre>{@code @RegisterExtension final LogCapture log = new LogCapture("io.warpengine.snapshot.SnapshotStore");}</pre>
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    /** A record's first line: [thread] LEVEL logger - message, after the time when the tools show it. */
    private static final Pattern RECORD_START =
            Pattern.compile("^(?:\\S+ )?\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)$");

    /** One log record: its level, logger and message, and its whole text with the stack trace logged with it. */
    public record Entry(String level, String logger, String message, String text) {
    }

    private final List<String> loggers;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private PrintStream stderr;

    /** @param loggers names of the loggers whose records the tests expect (a name also covers the loggers below it) */
    public LogCapture(String... loggers) {
        this.loggers = List.of(loggers);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        buffer.reset();
        stderr = System.err;
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(stderr);
        boolean failed = context.getExecutionException().isPresent();
        for (Entry entry : entries()) {
            if (failed || !expected(entry.logger())) {
                stderr.println(entry.text());
            }
        }
    }

    /** The captured records of {@code logger} (or below it) at {@code level}, oldest first. */
    public List<Entry> entries(String level, String logger) {
        return entries().stream()
                .filter(e -> e.level().equals(level) && covers(logger, e.logger()))
                .toList();
    }

    /** The messages of {@link #entries(String, String)}. */
    public List<String> messages(String level, String logger) {
        return entries(level, logger).stream().map(Entry::message).toList();
    }

    /** Every record captured so far; lines before the first record (not written by a logger) make one of their own. */
    public List<Entry> entries() {
        List<List<String>> records = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (records.isEmpty() || RECORD_START.matcher(line).matches()) {
                records.add(new ArrayList<>());
            }
            records.get(records.size() - 1).add(line);
        }
        List<Entry> entries = new ArrayList<>();
        for (List<String> lines : records) {
            String text = String.join("\n", lines).stripTrailing();
            Matcher start = RECORD_START.matcher(lines.get(0));
            if (start.matches()) {
                entries.add(new Entry(start.group(1), start.group(2), start.group(3), text));
            } else if (!text.isEmpty()) {
                entries.add(new Entry("", "", text, text));
            }
        }
        return entries;
    }

    private boolean expected(String logger) {
        return loggers.stream().anyMatch(name -> covers(name, logger));
    }

    private static boolean covers(String name, String logger) {
        return !logger.isEmpty() && (logger.equals(name) || logger.startsWith(name + "."));
    }
}
