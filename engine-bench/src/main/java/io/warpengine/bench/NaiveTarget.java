package io.warpengine.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline the engine must beat: one synchronized HashMap whose put and delete append a record to a
 * FileChannel (in the page cache when write returns, so it survives kill -9 as the engine's default durability
 * does). Opening an existing log replays it: its recovery.
 */
final class NaiveTarget implements Target {

    static final String NAME = "baseline";
    private static final String LOG = "naive.log";
    private static final int DELETED = -1;

    private final Map<String, byte[]> map = new HashMap<>();
    private final FileChannel log;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);
    private long bytesWritten;
    private long recordsReplayed;

    NaiveTarget(Path dir) {
        try {
            Path file = dir.resolve(LOG);
            if (Files.exists(file)) {
                replay(file);
            }
            log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replay(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int keyLength;
                try {
                    keyLength = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                String key = new String(in.readNBytes(keyLength), StandardCharsets.UTF_8);
                int valueLength = in.readInt();
                recordsReplayed++;
                if (valueLength == DELETED) {
                    map.remove(key);
                } else {
                    map.put(key, in.readNBytes(valueLength));
                }
            }
        }
    }

    /** Log records read when this target opened. */
    long recordsReplayed() {
        return recordsReplayed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        append(key, value);
        map.put(key, value.clone());
    }

    @Override
    public synchronized byte[] get(String key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public synchronized void delete(String key) {
        append(key, null);
        map.remove(key);
    }

    /** The naive design's related reads: every value under the one lock. */
    @Override
    public synchronized int quantumGet(String key, Workload workload) {
        if (get(key) == null) {
            return -1;
        }
        int found = 0;
        for (String related : workload.related(key)) {
            found += get(related) != null ? 1 : 0;
        }
        return found;
    }

    /** The naive design's batch: every put under the one lock (each appends its own record). */
    @Override
    public synchronized void batch(String[] keys, byte[] value) {
        for (String key : keys) {
            put(key, value);
        }
    }

    /** The naive design has no asynchrony: the write is done when this returns. */
    @Override
    public CompletableFuture<?> putAsync(String key, byte[] value) {
        put(key, value);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> deleteAsync(String key) {
        delete(key);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized long logBytesWritten() {
        return bytesWritten;
    }

    /** Not synchronized: the channel's size needs no lock, and a sampler must not queue behind the writers. */
    @Override
    public long journalBytesOnDisk() {
        try {
            return log.size();
        } catch (IOException e) {
            return -1;
        }
    }

    private void append(String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int size = 8 + k.length + (value == null ? 0 : value.length);
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(Integer.highestOneBit(size) << 1);
        }
        buffer.clear().putInt(k.length).put(k);
        if (value == null) {
            buffer.putInt(DELETED);
        } else {
            buffer.putInt(value.length).put(value);
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                log.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytesWritten += size;
    }

    @Override
    public void close() {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
