package io.warpengine.journaltool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warpengine.EngineConfig;
import io.warpengine.ManualClock;
import io.warpengine.PutOptions;
import io.warpengine.WarpEngine;
import io.warpengine.journal.EntryCodec;
import io.warpengine.tools.WarpCli;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalDumpTest {

    @TempDir
    Path dir;

    private static String line(long i) {
        String head = i + " " + Timestamps.format(Journals.micros(i));
        return Journals.isDelete(i) ? head + " DELETE " + Journals.keyOf(i)
                : head + " PUT " + Journals.key(i) + " \"" + new String(Journals.value(i), StandardCharsets.UTF_8) + "\"";
    }

    private static List<String> lines(long... sequences) {
        return LongStream.of(sequences).mapToObj(JournalDumpTest::line).toList();
    }

    private Cli dump(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "journal";
        args[1] = "dump";
        args[2] = "-d";
        args[3] = dir.toString();
        System.arraycopy(options, 0, args, 4, options.length);
        Cli cli = Cli.run(args);
        assertEquals(0, cli.exit, cli.toString());
        return cli;
    }

    /** Every entry, in order, across cycle files, in the documented text form. */
    @Test
    void printsEveryEntryAsAReadableLine() {
        Journals.write(dir, 1, 250, 100);
        assertEquals(LongStream.rangeClosed(1, 250).mapToObj(JournalDumpTest::line).toList(), dump().lines());
    }

    @Test
    void filtersBySequenceTimeKeyPrefixOperationAndLimit() {
        Journals.write(dir, 1, 300, 100);
        assertEquals(lines(99, 100, 101, 102), dump("--from-seq", "99", "--to-seq", "102").lines());
        assertEquals(lines(150, 151), dump("--from-time", Timestamps.format(Journals.micros(150)),
                "--to-time", Timestamps.format(Journals.micros(151))).lines());
        assertEquals(lines(29, 30), dump("--key", "k29").lines(), "a key's PUT and the DELETE of it");
        assertEquals(lines(5, 25), dump("--key", "k5", "--key", "k25", "--op", "put").lines());
        assertEquals(lines(10, 20, 30), dump("--op", "delete", "--limit", "3").lines());
        assertEquals(lines(29, 30, 291, 292, 293, 294, 295, 296, 297, 298, 299, 300),
                dump("--prefix", "k29").lines());
        assertEquals(lines(201, 202), dump("--from-seq", "201", "-n", "2").lines(), "seeks into the third file");
    }

    /** A batch prints as its header line and one line per member; a key filter finds the batch by a member. */
    @Test
    void printsABatchAsAHeaderAndItsMembers() throws Exception {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            engine.put("solo", "v".getBytes(StandardCharsets.UTF_8));
            engine.batch().put("a", "1".getBytes(StandardCharsets.UTF_8)).delete("solo").commit();
        }
        List<String> lines = dump().lines();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(1).matches("2 \\S+ BATCH 2"), lines.get(1));
        assertTrue(lines.get(2).matches("2 \\S+ PUT a \"1\""), lines.get(2));
        assertTrue(lines.get(3).matches("2 \\S+ DELETE solo"), lines.get(3));
        assertEquals(lines.subList(1, 4), dump("--key", "a").lines());
        List<String> json = dump("--format", "json").lines();
        JsonNode member = new ObjectMapper().readTree(json.get(2));
        assertEquals(2, member.get("batch").asInt(), json.get(2));
        assertEquals("DELETE", member.get("op").asText(), json.get(2));
    }

    /** Entanglements and puts with options print with everything they journal; key filters match related keys. */
    @Test
    void printsEntanglementsAndPutOptions() throws Exception {
        try (WarpEngine engine = WarpEngine.open(dir)) {
            engine.put("user:1", "u".getBytes(StandardCharsets.UTF_8),
                    new PutOptions(PutOptions.AccessPattern.HOT, PutOptions.Priority.CRITICAL));
            engine.entangle("user:1", List.of("orders:1", "cart 1"), 0.75);
            engine.disentangle("user:1", List.of("orders:1"));
            engine.placeShard(7, 0);
        }
        List<String> lines = dump().lines();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(3).matches("4 \\S+ PLACE logical=7 writer=0 table=256/1"), lines.get(3));
        assertTrue(lines.get(0).matches("1 \\S+ PUT user:1 \"u\" options=hot/critical"), lines.get(0));
        assertTrue(lines.get(1).matches("2 \\S+ ENTANGLE user:1 0.75 orders:1 \"cart 1\""), lines.get(1));
        assertTrue(lines.get(2).matches("3 \\S+ DISENTANGLE user:1 orders:1"), lines.get(2));
        assertEquals(lines.subList(1, 3), dump("--key", "orders:1").lines());
        assertEquals(lines.subList(0, 1), dump("--op", "PUT").lines(), "a put with options is a PUT");
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = dump("--format", "json").lines();
        assertEquals("hot/critical", mapper.readTree(json.get(0)).get("options").asText());
        JsonNode entangle = mapper.readTree(json.get(1));
        assertEquals("ENTANGLE", entangle.get("op").asText());
        assertEquals("user:1", entangle.get("key").asText());
        assertEquals(0.75, entangle.get("strength").asDouble(), 1e-6);
        assertEquals("[\"orders:1\",\"cart 1\"]", entangle.get("related").toString());
        assertTrue(mapper.readTree(json.get(2)).get("strength") == null);
        assertEquals(256, mapper.readTree(json.get(3)).get("logicalShards").asInt());
    }

    /** Expiry: a put's expiry time, EXPIRE, PERSIST and the REAP of keys whose time passed, as text and JSON. */
    @Test
    void printsExpiries() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2027-01-01T00:00:00Z"));
        EngineConfig config = EngineConfig.builder(dir).clock(clock).expiryReapMillis(1).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.putWithTtl("session:1", "s".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
            engine.put("user:1", "u".getBytes(StandardCharsets.UTF_8));
            engine.expire("user:1", Duration.ofSeconds(5));
            engine.persist("user:1");
            clock.advance(10_000);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (engine.count() > 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        List<String> lines = dump().lines();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("1 \\S+ PUT session:1 \"s\" expires=2027-01-01T00:00:10Z"), lines.get(0));
        assertTrue(lines.get(2).matches("3 \\S+ EXPIRE user:1 expires=2027-01-01T00:00:05Z"), lines.get(2));
        assertTrue(lines.get(3).matches("4 \\S+ PERSIST user:1"), lines.get(3));
        assertTrue(lines.get(4).matches("5 2027-01-01T00:00:10\\S* REAP session:1"), lines.get(4));
        assertEquals(List.of(lines.get(4)), dump("--op", "REAP").lines());
        assertEquals(lines.subList(0, 2), dump("--op", "PUT").lines());
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = dump("--format", "json").lines();
        assertEquals("2027-01-01T00:00:10Z", mapper.readTree(json.get(0)).get("expires").asText());
        assertEquals("PERSIST", mapper.readTree(json.get(3)).get("op").asText());
        JsonNode reap = mapper.readTree(json.get(4));
        assertEquals("REAP", reap.get("op").asText());
        assertEquals("[\"session:1\"]", reap.get("keys").toString());
    }

    /** Files deleted by hand leave Chronicle's metadata naming them: dump still starts and seeks in what is left. */
    @Test
    void readsAJournalWhoseFirstFileWasDeletedByHand() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Files.delete(Journals.journalFiles(dir).get(0));
        assertEquals(lines(101, 102), dump("--limit", "2").lines());
        assertEquals(lines(150, 151), dump("--from-seq", "150", "--limit", "2").lines());
        assertEquals(lines(201), dump("--from-seq", "201", "--limit", "1").lines());
    }

    @Test
    void jsonLinesCarryEveryField() throws Exception {
        Journals.write(dir, 1, 20, Long.MAX_VALUE);
        List<String> json = dump("--format", "json", "--from-seq", "9", "--to-seq", "10").lines();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode put = mapper.readTree(json.get(0));
        assertEquals(9, put.get("seq").asLong());
        assertEquals(Timestamps.format(Journals.micros(9)), put.get("time").asText());
        assertEquals("PUT", put.get("op").asText());
        assertEquals("k9", put.get("key").asText());
        assertEquals("value-000009", put.get("value").asText());
        assertEquals("utf8", put.get("encoding").asText());
        JsonNode delete = mapper.readTree(json.get(1));
        assertEquals("DELETE", delete.get("op").asText());
        assertEquals("k9", delete.get("key").asText());
        assertTrue(delete.get("value") == null, json.get(1));
        assertEquals(2, json.size());
        Path file = dir.resolve("entries.jsonl"); // bytes straight to a file: the same lines
        dump("--format", "json", "--from-seq", "9", "--to-seq", "10", "-o", file.toString());
        assertEquals(json, Files.readAllLines(file));
    }

    /**
     * Values print as text when they are printable UTF-8, otherwise as hex or base64; odd keys are quoted. The same
     * through a writer and as bytes to a file.
     */
    @Test
    void valuesShowAsTextHexOrBase64() throws Exception {
        byte[] binary = {0, 1, (byte) 0xfe, 'A'};
        EntryCodec codec = new EntryCodec();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve(WarpEngine.JOURNAL_DIR))
                .rollCycle(RollCycles.FIVE_MINUTELY).build(); ExcerptAppender appender = queue.createAppender()) {
            Journals.append(appender, codec.encodePut(1, Journals.micros(1), utf8("bin"), binary));
            Journals.append(appender, codec.encodePut(2, Journals.micros(2), utf8("ключ"), utf8("значение ✓")));
            Journals.append(appender, codec.encodePut(3, Journals.micros(3), utf8("with space"), utf8("say \"hi\"\n")));
            Journals.append(appender, codec.encodePut(4, Journals.micros(4), utf8("empty"), new byte[0]));
        }
        List<String> hex = dump().lines();
        assertTrue(hex.get(0).endsWith(" PUT bin hex:0001fe41"), hex.get(0));
        assertTrue(hex.get(1).endsWith(" PUT ключ \"значение ✓\""), hex.get(1));
        assertTrue(hex.get(2).endsWith(" PUT \"with space\" \"say \\\"hi\\\"\\n\""), hex.get(2));
        assertTrue(hex.get(3).endsWith(" PUT empty \"\""), hex.get(3));
        assertTrue(dump("--binary", "base64", "--to-seq", "1").lines().get(0)
                .endsWith(" PUT bin base64:" + Base64.getEncoder().encodeToString(binary)));
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = dump("--format", "json", "--binary", "base64").lines();
        JsonNode bin = mapper.readTree(json.get(0));
        assertEquals("base64", bin.get("encoding").asText());
        assertEquals(Base64.getEncoder().encodeToString(binary), bin.get("value").asText());
        assertEquals("значение ✓", mapper.readTree(json.get(1)).get("value").asText());
        assertEquals("say \"hi\"\n", mapper.readTree(json.get(2)).get("value").asText());
        assertEquals("hex", mapper.readTree(dump("--format", "json", "--to-seq", "1").lines().get(0)).get("encoding").asText());
        for (String format : new String[]{"text", "json"}) {
            Path file = dir.resolve("dump." + format);
            dump("--format", format, "-o", file.toString());
            assertEquals(dump("--format", format).lines(), Files.readAllLines(file), format);
        }
    }

    /** Entries before the damage are printed; the damage is named on stderr and the exit code is 1. */
    @Test
    void stopsAtDamageNamingSequenceAndFile() throws Exception {
        Journals.write(dir, 1, 300, 100);
        Path file = Journals.corruptValueOf(dir, 205);
        Cli cli = Cli.run("journal", "dump", "-d", dir.toString(), "--from-seq", "198");
        assertEquals(1, cli.exit, cli.toString());
        assertEquals(lines(198, 199, 200, 201, 202, 203, 204), cli.lines());
        assertEquals("warp journal dump: journal damaged at sequence 205 in " + file + ": CRC32C mismatch",
                cli.err.toString().trim());
    }

    /** The reader went away ({@code dump | head}): dump stops writing at once and exits 0. */
    @Test
    void stopsWhenTheOutputCloses() {
        Journals.write(dir, 1, 5000, Long.MAX_VALUE);
        AtomicInteger writes = new AtomicInteger();
        Writer closedPipe = new Writer() {
            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                writes.incrementAndGet();
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CommandLine commandLine = WarpCli.commandLine();
        commandLine.setOut(new PrintWriter(closedPipe));
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        assertEquals(0, commandLine.execute("journal", "dump", "-d", dir.toString()), err.toString());
        assertEquals(1, writes.get(), "one failed write of the first chunk, none after");
        assertEquals("", err.toString());
    }

    @Test
    void writesToAFileWithOutput() throws Exception {
        Journals.write(dir, 1, 30, Long.MAX_VALUE);
        Path file = dir.resolve("entries.txt");
        Cli cli = dump("-o", file.toString(), "--to-seq", "3");
        assertEquals("", cli.out.toString());
        assertEquals(lines(1, 2, 3), Files.readAllLines(file));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
