package io.warpengine.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The baseline the engine must beat: one synchronized HashMap whose put appends the entry to a FileChannel
 * (in the page cache when write returns, so it survives kill -9 as the engine's default durability does).
 */
final class NaiveTarget implements Target {

    private final Map<String, byte[]> map = new HashMap<>();
    private final FileChannel log;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);

    NaiveTarget(Path dir) {
        try {
            log = FileChannel.open(dir.resolve("naive.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public synchronized void put(String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int size = 8 + k.length + value.length;
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(Integer.highestOneBit(size) << 1);
        }
        buffer.clear().putInt(k.length).put(k).putInt(value.length).put(value).flip();
        try {
            while (buffer.hasRemaining()) {
                log.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        map.put(key, value.clone());
    }

    @Override
    public synchronized byte[] get(String key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
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
