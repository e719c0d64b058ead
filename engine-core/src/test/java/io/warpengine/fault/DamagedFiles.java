package io.warpengine.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The damage operations of {@link DamagedFilesTest} on real files, the map of a journal file they need (where each
 * entry's Chronicle document lies), and the tally of what the engine did with each damage. Knows Chronicle's
 * document framing only (a little-endian 4-byte header: bits 0-29 the length, bit 30 metadata, bit 31 not
 * complete; documents 4-byte aligned; a zero header ends the written data), nothing of the engine's internals.
 */
final class DamagedFiles {

    static final int PAGE = 4096;
    private static final int LENGTH_MASK = (1 << 30) - 1;
    private static final int META = 1 << 30;
    /** {@link #usedLength} of the source files, scanned once (they do not change; copies are damaged, not them). */
    private static final Map<Path, Long> USED = new ConcurrentHashMap<>();

    private DamagedFiles() {
    }

    /** What opening a damaged copy did; {@code ok} for the outcomes the engine may choose. */
    enum Kind {
        REFUSED_NAMING_THE_FILE(true), OPENED_WHOLE(true), PREFIX_AT_TAIL(true), EXACT_STATE(true),
        REFUSED_WITHOUT_NAMING_THE_FILE(false), SILENTLY_ACCEPTED(false), WRONG_STATE(false);

        final boolean ok;

        Kind(boolean ok) {
            this.ok = ok;
        }
    }

    record Outcome(Kind kind, String detail) {
    }

    /** What the trials of one case did: counts per outcome and an example of each, printed; the trials that failed. */
    static final class Tally {
        private final long seed;
        private final String name;
        private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        private final Map<Kind, String> examples = new EnumMap<>(Kind.class);
        private final List<String> failures = new ArrayList<>();

        Tally(long seed, String name) {
            this.seed = seed;
            this.name = name;
        }

        void add(String damage, Outcome o) {
            counts.merge(o.kind(), 1, Integer::sum);
            examples.putIfAbsent(o.kind(), damage + " -> " + o.detail());
            if (!o.kind().ok) {
                failures.add(damage + " -> " + o.kind() + ": " + o.detail());
            }
        }

        void check() {
            StringBuilder s = new StringBuilder("DamagedFilesTest " + name + " (seed " + seed + "): " + counts);
            examples.forEach((kind, example) -> s.append("\n  e.g. ").append(kind).append(": ").append(example));
            System.out.println(s);
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " of " + counts.values().stream().mapToInt(i -> i).sum()
                        + " damages not detected (" + name + ", -Dwarp.damage.seed=" + seed + "):\n  "
                        + String.join("\n  ", failures.subList(0, Math.min(8, failures.size()))));
            }
        }
    }

    /**
     * Where the data documents (the entries, in order: document i holds sequence i + 1 in a journal written by
     * one engine without damage) lie in a journal file: [start, end) of each, header included.
     */
    record Layout(long[] starts, long[] ends) {

        int entries() {
            return starts.length;
        }

        long dataStart() {
            return starts[0];
        }

        long dataEnd() {
            return ends[ends.length - 1];
        }

        /** The sequence of the first entry whose document has a byte in [from, to), or 0 when none has. */
        long firstTouched(long from, long to) {
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] < to && ends[i] > from) {
                    return i + 1;
                }
            }
            return 0;
        }

        /** The sequence of the last entry whose document has a byte in [from, to), or 0 when none has. */
        long lastTouched(long from, long to) {
            for (int i = starts.length - 1; i >= 0; i--) {
                if (starts[i] < to && ends[i] > from) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    /** Walks the Chronicle documents of {@code cq4}; metadata documents (header, indices) are left out. */
    static Layout layout(Path cq4) throws IOException {
        List<long[]> docs = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(cq4, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 0;
            while (pos + 4 <= ch.size()) {
                header.clear();
                ch.read(header, pos);
                int h = header.getInt(0);
                if (h == 0) {
                    break;
                }
                long end = pos + 4 + (h & LENGTH_MASK);
                if ((h & META) == 0) {
                    docs.add(new long[]{pos, end});
                }
                pos = (end + 3) & ~3L;
            }
        }
        return new Layout(docs.stream().mapToLong(d -> d[0]).toArray(), docs.stream().mapToLong(d -> d[1]).toArray());
    }

    /** Bytes of {@code file} up to and including its last non-zero byte (Chronicle pre-sizes its files sparsely). */
    static long usedLength(Path file) throws IOException {
        Long known = USED.get(file);
        if (known != null) {
            return known;
        }
        long used = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long pos = 0;
            int n;
            while ((n = ch.read(buf.clear(), pos)) > 0) {
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) != 0) {
                        used = pos + i + 1;
                        break;
                    }
                }
                pos += n;
            }
        }
        USED.put(file, used);
        return used;
    }

    /**
     * Copies the data directory {@code from} to {@code to} (not its lock file). A journal cycle file is copied
     * sparsely: the bytes up to its last non-zero one, then extended with a hole to its size, so that a copy costs
     * its data, not Chronicle's pre-sized tens of MiB.
     */
    static void copyDataDir(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.getFileName().toString().endsWith(".cq4")) {
                    copySparse(p, target, usedLength(p));
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void copySparse(Path from, Path to, long used) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long copied = 0;
            while (copied < Math.min(used, size)) {
                copied += in.transferTo(copied, Math.min(used, size) - copied, out);
            }
            try (RandomAccessFile raf = new RandomAccessFile(to.toFile(), "rw")) {
                raf.setLength(size);
            }
        }
    }

    /** XORs the byte at {@code position} with {@code mask} (not 0). */
    static void flip(Path file, long position, int mask) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ mask);
        }
    }

    /** Overwrites [{@code position}, {@code position + length}) with zeros. */
    static void zero(Path file, long position, int length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            f.write(new byte[length]);
        }
    }

    /** Cuts {@code file} to {@code length} bytes. */
    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    /** The only file of {@code directory} whose name ends with {@code suffix}. */
    static Path onlyFile(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one *" + suffix + " in " + directory + ", found " + found);
            }
            return found.get(0);
        }
    }

    /** Files of {@code directory} whose name ends with {@code suffix}, by name. */
    static List<Path> files(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** The messages of {@code t} and its causes, one line. */
    static String messages(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(s.length() == 0 ? "" : " <- ").append(c.getClass().getSimpleName()).append(": ")
                    .append(c.getMessage());
        }
        return s.toString();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Page-aligned offsets p with {@code from <= p} and {@code p + PAGE <= to}. */
    static long[] wholePages(long from, long to) {
        long first = (from + PAGE - 1) / PAGE * PAGE;
        return LongStream.iterate(first, p -> p + PAGE <= to, p -> p + PAGE).toArray();
    }

    /** Page boundaries strictly inside (from, to). */
    static long[] boundaries(long from, long to) {
        return LongStream.iterate(from / PAGE * PAGE + PAGE, p -> p < to, p -> p + PAGE).toArray();
    }
}
