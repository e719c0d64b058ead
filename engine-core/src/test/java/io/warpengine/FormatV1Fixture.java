package io.warpengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The frozen data directory of {@code src/test/resources/format-v1/} (written by {@link FormatV1FixtureGenerator} on
 * the engine of its day; never regenerate it) and the state its writer modelled ({@code expected.txt}).
 * engine-tools' journal tool tests use it too, through engine-core's test jar.
 */
public final class FormatV1Fixture {

    /**
     * The modification time given to every unpacked file: when the fixture was written. Nothing in the engine reads
     * it; {@code warp journal stats} prints the snapshots' ("written ..."), so it must not be the unpacking time.
     */
    public static final Instant MTIME = Instant.parse("2026-12-02T00:55:14Z");

    private static final int BLOCK = 1 << 16;
    private static final Pattern ENTRY = Pattern.compile("key=([0-9a-f]+) value=([0-9a-f]*) # .*");

    /** Sequence of the snapshot (the generator's explicit checkpoint). */
    public final long checkpoint;
    /** Sequence of the last journal entry. */
    public final long last;
    /** The state after each recorded sequence (the checkpoint's and the last among them), keys to values. */
    public final Map<Long, Map<String, byte[]>> states;

    private FormatV1Fixture(long checkpoint, long last, Map<Long, Map<String, byte[]>> states) {
        this.checkpoint = checkpoint;
        this.last = last;
        this.states = states;
    }

    /**
     * The fixture directory, in engine-core's test resources, found through the {@code warp.root} system property
     * the build passes to every module's tests (engine-tools' tests read it through engine-core's test jar).
     */
    public static Path directory() {
        String root = System.getProperty("warp.root");
        if (root == null) {
            throw new IllegalStateException("system property warp.root (the checkout's root) is not set; the build sets it");
        }
        return Path.of(root, "engine-core", "src", "test", "resources", "format-v1");
    }

    /** Reads {@code expected.txt}. */
    public static FormatV1Fixture expected() {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory().resolve("expected.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HexFormat hex = HexFormat.of();
        long checkpoint = -1;
        long last = -1;
        Map<Long, Map<String, byte[]>> states = new LinkedHashMap<>();
        Map<String, byte[]> current = null;
        int expectedKeys = 0;
        for (String line : lines) {
            String[] words = line.split(" ");
            if (line.startsWith("#")) {
                continue;
            } else if (words[0].equals("checkpoint")) {
                checkpoint = Long.parseLong(words[1]);
            } else if (words[0].equals("final")) {
                last = Long.parseLong(words[1]);
            } else if (words[0].equals("state")) {
                check(current == null || current.size() == expectedKeys, "short state before: " + line);
                current = new TreeMap<>();
                expectedKeys = Integer.parseInt(words[3]);
                states.put(Long.parseLong(words[1]), current);
            } else {
                Matcher m = ENTRY.matcher(line);
                check(m.matches() && current != null, "bad line in expected.txt: " + line);
                String key = new String(hex.parseHex(m.group(1)), StandardCharsets.UTF_8);
                check(current.put(key, hex.parseHex(m.group(2))) == null, "duplicate key: " + line);
            }
        }
        check(current != null && current.size() == expectedKeys, "short last state");
        check(states.containsKey(checkpoint) && states.containsKey(last), "no state at the checkpoint or the end");
        states.replaceAll((seq, state) -> Collections.unmodifiableMap(state));
        return new FormatV1Fixture(checkpoint, last, Collections.unmodifiableMap(states));
    }

    /**
     * Unpacks the fixture into {@code dataDir} (created): every {@code name.gz} under {@code journal/} and
     * {@code snapshots/} to {@code name} at the same place, byte for byte and of the same length. Blocks of zeros
     * (most of a Chronicle cycle file) are left as holes of a sparse file, which read back as the same zeros.
     */
    public static Path unpack(Path dataDir) {
        Path source = directory();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path gz : files.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList()) {
                String relative = source.relativize(gz).toString();
                Path target = dataDir.resolve(relative.substring(0, relative.length() - ".gz".length()));
                Files.createDirectories(target.getParent());
                gunzipSparse(gz, target);
                Files.setLastModifiedTime(target, FileTime.from(MTIME));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the format-v1 fixture into " + dataDir, e);
        }
        return dataDir;
    }

    private static void gunzipSparse(Path gz, Path target) throws IOException {
        byte[] block = new byte[BLOCK];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), BLOCK);
             RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            long length = 0;
            int n;
            while ((n = in.readNBytes(block, 0, BLOCK)) > 0) {
                if (!allZero(block, n)) {
                    out.seek(length);
                    out.write(block, 0, n);
                }
                length += n;
            }
            out.setLength(length);
        }
    }

    private static boolean allZero(byte[] block, int n) {
        for (int i = 0; i < n; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
