package io.warpengine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * How {@code src/test/resources/format-v1/} was made, kept for the record. NOT a test and never run by the build:
 * the fixture is frozen (it is what today's engine wrote, and later engines must keep reading it); regenerating it
 * on changed code would defeat its purpose. A new on-disk format gets a new fixture directory (format-v2) next to
 * this one, never a rewrite of it.
 *
 * <p>Writes, through the public API only, a few hundred writes over ~50 keys (overwrites, deletes, a delete of a
 * key that never existed, a key deleted then put again, an empty value, binary values, non-ASCII and quoted keys),
 * an explicit checkpoint in the middle, more writes, then a close without the close-time checkpoint, so that
 * opening the result needs the snapshot plus a journal replay. It keeps its own model of the state and writes that
 * (not anything read back from the files) to {@code expected.txt}.
 *
 * <pre>
 *   mvn -q -B -DskipTests package
 *   java $(sed -n 's/^warp\.jvm\.options=//p' config/jvm.options) \
 *        -cp engine-bench/target/warp.jar:engine-core/target/test-classes \
 *        io.warpengine.FormatV1FixtureGenerator /tmp/raw-data /tmp/format-v1
 * </pre>
 * Both directories must not exist. {@code /tmp/raw-data} is the data directory as the engine left it;
 * {@code /tmp/format-v1} its packed form (each file of journal/ and snapshots/ gzip-compressed, plus expected.txt).
 */
public final class FormatV1FixtureGenerator {

    /** Workload seed: the sequence of operations (not the timestamps) is the same on every run. */
    private static final long SEED = 20261202L;

    private final Random rnd = new Random(SEED);
    private final Map<String, byte[]> model = new TreeMap<>();
    /** Copies of the model at interesting sequences, in order. */
    private final Map<Long, Map<String, byte[]>> states = new TreeMap<>();
    private final List<String> users;
    private WarpEngine engine;
    private long sequence;

    private FormatV1FixtureGenerator() {
        users = java.util.stream.IntStream.range(0, 40).mapToObj(i -> String.format("user:%02d", i)).toList();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: FormatV1FixtureGenerator <raw data dir> <fixture dir>");
        }
        Path raw = Path.of(args[0]);
        Path fixture = Path.of(args[1]);
        for (Path p : List.of(raw, fixture)) {
            if (Files.exists(p)) {
                throw new IllegalArgumentException(p + " exists; give new directories (the checked-in fixture is frozen)");
            }
        }
        FormatV1FixtureGenerator g = new FormatV1FixtureGenerator();
        long checkpoint = g.run(raw);
        pack(raw, fixture);
        g.writeExpected(fixture.resolve("expected.txt"), checkpoint);
        System.out.println("wrote " + fixture + ": checkpoint at " + checkpoint + ", final sequence " + g.sequence
                + ", " + g.model.size() + " keys; states recorded at " + g.states.keySet());
    }

    private long run(Path dataDir) {
        EngineConfig config = EngineConfig.builder(dataDir)
                .shards(1)
                .checkpointEveryOperations(0)
                .checkpointEverySeconds(0)
                .checkpointOnClose(false)
                .build();
        long checkpoint;
        try (WarpEngine e = WarpEngine.open(config)) {
            engine = e;
            phaseOne();
            record(); // state at the checkpoint
            checkpoint = engine.checkpoint();
            check(checkpoint == sequence, "checkpoint at " + checkpoint + ", model at " + sequence);
            phaseTwo();
            record(); // final state
        }
        return checkpoint;
    }

    /** Before the checkpoint: ~200 writes. */
    private void phaseOne() {
        for (String user : users) {
            put(user, text("first " + user));
        }
        put("clé", utf8("valeur é"));
        put("键", utf8("值 ✓"));
        put("🚀", utf8("rocket 🚀"));
        put("key with space", utf8("v"));
        put("quote\"and\\backslash", utf8("a \"quoted\" value\\"));
        put("naïve café", utf8("tab\there\nnewline"));
        put("empty", new byte[0]);
        put("binary", new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0x7f, 0x10});
        put("invalid-utf8", new byte[]{'a', (byte) 0xc3, 'b'}); // a lead byte without its continuation
        put("deleted-then-reput", text("before delete"));
        put("deleted-across-checkpoint", text("deleted before the checkpoint, put again after it"));
        put("deleted-after-checkpoint", text("in the snapshot, deleted after it"));
        put("large", largeValue(300));
        delete("never-existed"); // journaled even though nothing is removed
        delete("deleted-then-reput");
        put("deleted-then-reput", text("after re-put"));
        delete("deleted-across-checkpoint");
        for (int i = 0; i < 130; i++) {
            randomWrite();
        }
        record(); // a state in the middle of the journal before the snapshot: openAt replays from sequence 1
        for (int i = 0; i < 20; i++) {
            randomWrite();
        }
    }

    /** After the checkpoint: ~170 writes, replayed over the snapshot on open. */
    private void phaseTwo() {
        put("deleted-across-checkpoint", text("back after the checkpoint"));
        delete("deleted-after-checkpoint");
        put("empty", new byte[0]); // an empty value over an empty value
        put("clé", utf8("nouvelle valeur ü"));
        put("binary-after", randomBytes(32));
        put("empty-after", new byte[0]);
        put("user:00", new byte[0]); // a non-empty value overwritten by an empty one
        for (int i = 0; i < 80; i++) {
            randomWrite();
        }
        record(); // between the checkpoint and the end: openAt replays part of the journal after the snapshot
        for (int i = 0; i < 80; i++) {
            randomWrite();
        }
        delete("🚀");
        put("🚀", utf8("second rocket"));
        delete("键");
    }

    /** Overwrites dominate; one in six is a delete (often of a key already gone); some values are binary. */
    private void randomWrite() {
        String key = users.get(rnd.nextInt(users.size()));
        int kind = rnd.nextInt(12);
        if (kind < 2) {
            delete(key);
        } else if (kind == 2) {
            put(key, randomBytes(1 + rnd.nextInt(24)));
        } else if (kind == 3) {
            put(key, utf8("ünïcödé " + sequence + " ✓"));
        } else {
            put(key, text(key + " v" + (sequence + 1) + "-" + Integer.toHexString(rnd.nextInt())));
        }
    }

    private void put(String key, byte[] value) {
        PutResult result = engine.put(key, value);
        sequence++;
        check(result.sequence() == sequence, "put " + key + " got sequence " + result.sequence() + ", model " + sequence);
        model.put(key, value.clone());
    }

    private void delete(String key) {
        boolean existed = engine.delete(key);
        sequence++;
        check(existed == model.containsKey(key), "delete " + key + " existed=" + existed);
        model.remove(key);
    }

    private void record() {
        states.put(sequence, new TreeMap<>(model));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        b[0] = (byte) (0xf8 | b[0]); // 0xf8..0xff never occur in UTF-8: always shown as binary
        return b;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] largeValue(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** Each file of journal/ and snapshots/ (the engine's formats; not the lock file) as {@code name.gz}. */
    private static void pack(Path raw, Path fixture) throws IOException {
        for (String sub : List.of(WarpEngine.JOURNAL_DIR, WarpEngine.SNAPSHOT_DIR)) {
            Path from = raw.resolve(sub);
            Path to = Files.createDirectories(fixture.resolve(sub));
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.sorted().toList()) {
                    check(Files.isRegularFile(file), "unexpected " + file);
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to.resolve(file.getFileName() + ".gz")))) {
                        Files.copy(file, out);
                    }
                }
            }
        }
    }

    /**
     * The model, as the tests read it back: {@code checkpoint S}, {@code final F}, then for each recorded sequence a
     * line {@code state S keys N} and its N keys, sorted, as {@code key=<UTF-8 hex> value=<hex> # <key as a Java
     * string literal, for reading>}.
     */
    private void writeExpected(Path file, long checkpoint) throws IOException {
        check(states.containsKey(checkpoint) && states.containsKey(sequence), "states not recorded " + states.keySet());
        HexFormat hex = HexFormat.of();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# WarpEngine format-v1 fixture: the state FormatV1FixtureGenerator wrote, from its own model of the\n");
            w.write("# writes (not read back from the files). Frozen: do not regenerate.\n");
            w.write("# checkpoint S: the snapshot's sequence (an explicit checkpoint); final F: the journal's last sequence.\n");
            w.write("# 'state S keys N' starts the N keys and values after entry S: key=<UTF-8 hex> value=<hex> (empty\n");
            w.write("# for an empty value), then '# ' and the key as a Java string literal (for reading; ignored).\n");
            w.write("checkpoint " + checkpoint + "\n");
            w.write("final " + sequence + "\n");
            for (Map.Entry<Long, Map<String, byte[]>> state : states.entrySet()) {
                w.write("state " + state.getKey() + " keys " + state.getValue().size() + "\n");
                for (Map.Entry<String, byte[]> e : state.getValue().entrySet()) {
                    w.write("key=" + hex.formatHex(e.getKey().getBytes(StandardCharsets.UTF_8)) + " value="
                            + hex.formatHex(e.getValue()) + " # " + literal(e.getKey()) + "\n");
                }
            }
        }
    }

    private static String literal(String key) {
        StringBuilder b = new StringBuilder("\"");
        key.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append('"').toString();
    }
}
