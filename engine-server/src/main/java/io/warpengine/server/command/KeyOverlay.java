package io.warpengine.server.command;

import io.warpengine.Batch;
import io.warpengine.WarpEngine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The keys as one command (or one transaction) sees them: reads go to the engine, writes are kept here until
 * {@link #publish()}, and later reads of the same command see them. So a command is checked whole before any of
 * it is written, and its writes reach the engine together: one write as a put or delete, several as one atomic
 * batch. A read of a key with a write still being applied throws {@link MustWait} (see {@link KeyLocks}).
 */
public final class KeyOverlay {

    /** Marks a deleted key among the writes; compared by identity, so an empty value is not mistaken for it. */
    private static final byte[] DELETED = new byte[0];

    private final WarpEngine engine;
    private final KeyLocks locks;
    private final int maxValueBytes;
    private final KeyOverlay parent;
    /** The writes, in order; empty and shared until the first write (most commands only read). */
    private Map<String, byte[]> writes = Map.of();
    /** Bytes of the writes' keys (UTF-8) and values, as the engine counts them against batch.max.bytes. */
    private long writeBytes;

    public KeyOverlay(WarpEngine engine, KeyLocks locks) {
        this(engine, locks, null);
    }

    private KeyOverlay(WarpEngine engine, KeyLocks locks, KeyOverlay parent) {
        this.engine = engine;
        this.locks = locks;
        this.maxValueBytes = engine.config().maxValueBytes();
        this.parent = parent;
    }

    /** An overlay over this one, for one command of a transaction: {@link #commitToParent()} keeps its writes. */
    KeyOverlay child() {
        return new KeyOverlay(engine, locks, this);
    }

    void commitToParent() {
        commitTo(parent);
    }

    /** Adds this overlay's writes to {@code other}'s (a later write of a key replaces an earlier one). */
    void commitTo(KeyOverlay other) {
        if (writes.isEmpty()) {
            return;
        }
        other.writable().putAll(writes);
        other.writeBytes += writeBytes;
    }

    /** The value of {@code key} as this command sees it, or null. */
    public byte[] get(String key) {
        byte[] written = writes.get(key);
        if (written != null) {
            return written == DELETED ? null : written;
        }
        return parent != null ? parent.get(key) : stored(key);
    }

    public boolean exists(String key) {
        return get(key) != null;
    }

    /** The values of {@code keys} (null for an absent key), in order; those not written here read at one point. */
    public List<byte[]> getAll(List<String> keys) {
        List<String> unwritten = keys.stream().filter(k -> !writtenHere(k)).distinct().toList();
        Map<String, byte[]> stored = Map.of();
        if (!unwritten.isEmpty()) {
            awaitApplied(unwritten);
            stored = engine.getAll(unwritten);
        }
        List<byte[]> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(writtenHere(key) ? get(key) : stored.get(key));
        }
        return values;
    }

    public void put(String key, byte[] value) {
        if (value.length > maxValueBytes) {
            throw CommandError.err("value of " + value.length + " bytes is over value.max.bytes=" + maxValueBytes
                    + "; nothing was written");
        }
        writable().put(key, value);
        writeBytes += utf8Length(key) + value.length;
    }

    public void delete(String key) {
        writable().put(key, DELETED);
        writeBytes += utf8Length(key);
    }

    /** Whether this command writes anything. */
    public boolean writes() {
        return !writes.isEmpty();
    }

    int writeCount() {
        return writes.size();
    }

    /** The bytes of the writes (counting a key written twice twice: an upper bound). */
    long writeBytes() {
        return writeBytes;
    }

    /**
     * Publishes the writes without waiting for them: the future completes when they are journaled and applied.
     *
     * @throws IllegalArgumentException when the engine refuses them (over {@code batch.max.writes} or
     *                                  {@code batch.max.bytes}); nothing is written then
     */
    public CompletableFuture<?> publish() {
        if (writes.size() == 1) {
            Map.Entry<String, byte[]> only = writes.entrySet().iterator().next();
            return only.getValue() == DELETED ? engine.deleteAsync(only.getKey())
                    : engine.putAsync(only.getKey(), only.getValue());
        }
        Batch batch = engine.batch();
        writes.forEach((key, value) -> {
            if (value == DELETED) {
                batch.delete(key);
            } else {
                batch.put(key, value);
            }
        });
        return batch.commitAsync();
    }

    /** The keys written here. */
    public Collection<String> writtenKeys() {
        return writes.keySet();
    }

    private Map<String, byte[]> writable() {
        if (writes.isEmpty()) {
            writes = new LinkedHashMap<>();
        }
        return writes;
    }

    private static int utf8Length(String key) {
        int bytes = 0;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a pair: 4 bytes in all
        }
        return bytes;
    }

    private boolean writtenHere(String key) {
        return writes.containsKey(key) || parent != null && parent.writtenHere(key);
    }

    private byte[] stored(String key) {
        awaitApplied(List.of(key));
        return engine.get(key).orElse(null);
    }

    private void awaitApplied(List<String> keys) {
        for (String key : keys) {
            CompletableFuture<?> pending = locks.pending(KeyLocks.stripe(key));
            if (pending != null) {
                throw new MustWait(pending);
            }
        }
    }
}
