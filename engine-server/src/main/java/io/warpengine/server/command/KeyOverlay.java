package io.warpengine.server.command;

import io.warpengine.Batch;
import io.warpengine.PutOptions;
import io.warpengine.WarpEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The keys as one command (or one transaction) sees them: reads go to the engine, writes are kept here until
 * {@link #publish()}, and later reads of the same command see them. So a command is checked whole before any of
 * it is written, and its writes reach the engine together: one write as a put, delete or expiry change, several as
 * one atomic batch. A read of a key with a write still being applied throws {@link MustWait} (see {@link KeyLocks}).
 * Expiry is judged by the engine's clock, as the engine judges it.
 */
public final class KeyOverlay {

    /**
     * One key's pending write: a put of {@code value} expiring at {@code expiresAt} (0: never), a delete
     * ({@code value} is {@link #DELETED}), or a change of expiry alone ({@code value} null; {@code expiresAt} 0
     * removes the key's expiry).
     */
    private record Write(byte[] value, long expiresAt) {
        boolean isDelete() {
            return value == DELETED;
        }

        boolean isExpiryOnly() {
            return value == null;
        }

        /** Whether the key is absent after this write, at {@code nowMillis}: deleted, or its expiry has passed. */
        boolean absentAt(long nowMillis) {
            return isDelete() || expiresAt != 0 && expiresAt <= nowMillis;
        }
    }

    /** Marks a deleted key among the writes; compared by identity, so an empty value is not mistaken for it. */
    private static final byte[] DELETED = new byte[0];

    private final WarpEngine engine;
    private final KeyLocks locks;
    private final int maxValueBytes;
    private final KeyOverlay parent;
    /** The writes, in order; empty and shared until the first write (most commands only read). */
    private Map<String, Write> writes = Map.of();
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

    /** Adds this overlay's writes to {@code other}'s, in order, as if each were made there. */
    void commitTo(KeyOverlay other) {
        if (writes.isEmpty()) {
            return;
        }
        writes.forEach(other::record);
        other.writeBytes += writeBytes;
    }

    /** The engine's time now, ms since the epoch: what expiry is judged by. */
    public long nowMillis() {
        return engine.config().clock().millis();
    }

    /** The value of {@code key} as this command sees it, or null. */
    public byte[] get(String key) {
        Write written = writes.get(key);
        if (written != null && written.absentAt(nowMillis())) {
            return null;
        }
        if (written != null && !written.isExpiryOnly()) {
            return written.value();
        }
        return parent != null ? parent.get(key) : stored(key);
    }

    public boolean exists(String key) {
        return get(key) != null;
    }

    /** A key's value (null: absent) and its expiry time (0: never), as a command sees them: read together. */
    public record Entry(byte[] value, long expiresAt) {
        static final Entry ABSENT = new Entry(null, 0);
    }

    /**
     * {@code key}'s value and expiry time as this command sees them, read at one point: a command that keeps a
     * key's expiry (INCR, APPEND, SET KEEPTTL) or answers with it (TTL) must not pair a value with the expiry of
     * another moment (a value read just before it expired, with no expiry read just after, would live forever).
     */
    public Entry entry(String key) {
        Write written = writes.get(key);
        if (written != null && written.absentAt(nowMillis())) {
            return Entry.ABSENT;
        }
        if (written != null && !written.isExpiryOnly()) {
            return new Entry(written.value(), written.expiresAt());
        }
        Entry under = parent != null ? parent.entry(key) : storedEntry(key);
        return written == null || under.value() == null ? under : new Entry(under.value(), written.expiresAt());
    }

    private Entry storedEntry(String key) {
        awaitApplied(key);
        return engine.getWithMetadata(key).map(m -> new Entry(m.value(), m.expiresAtMillis())).orElse(Entry.ABSENT);
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

    /** A put that leaves the key without an expiry (SET, GETSET, MSET), as any put to the engine does. */
    public void put(String key, byte[] value) {
        put(key, value, 0);
    }

    /** A put expiring at {@code expiresAt} (ms since the epoch; 0: never). */
    public void put(String key, byte[] value, long expiresAt) {
        if (value.length > maxValueBytes) {
            throw CommandError.err("value of " + value.length + " bytes is over value.max.bytes=" + maxValueBytes
                    + "; nothing was written");
        }
        record(key, new Write(value, expiresAt));
        writeBytes += utf8Length(key) + value.length;
    }

    public void delete(String key) {
        record(key, new Write(DELETED, 0));
        writeBytes += utf8Length(key);
    }

    /** Sets an existing key's expiry time ({@code expiresAt}, ms since the epoch), or removes it when 0. */
    public void expire(String key, long expiresAt) {
        record(key, new Write(null, expiresAt));
        writeBytes += utf8Length(key);
    }

    /** A later write of a key replaces an earlier one; a change of expiry alone changes an earlier put's expiry. */
    private void record(String key, Write write) {
        Map<String, Write> all = writable();
        Write earlier = all.get(key);
        if (earlier == null) {
            all.put(key, write);
            return;
        }
        if (write.isExpiryOnly() && !earlier.isExpiryOnly()) {
            if (earlier.isDelete()) {
                return; // the key is absent: a change of its expiry changes nothing
            }
            write = new Write(earlier.value(), write.expiresAt());
        }
        all.remove(key); // to the end: the writes keep the order they were last made in
        all.put(key, write);
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
            Map.Entry<String, Write> only = writes.entrySet().iterator().next();
            String key = only.getKey();
            Write write = only.getValue();
            if (write.isDelete()) {
                return engine.deleteAsync(key);
            }
            if (write.isExpiryOnly()) {
                return write.expiresAt() == 0 ? engine.persistAsync(key)
                        : engine.expireAtAsync(key, Instant.ofEpochMilli(write.expiresAt()));
            }
            return write.expiresAt() == 0 ? engine.putAsync(key, write.value())
                    : engine.putWithExpiryAsync(key, write.value(), PutOptions.DEFAULT,
                    Instant.ofEpochMilli(write.expiresAt()));
        }
        Batch batch = engine.batch();
        writes.forEach((key, write) -> {
            Instant expiresAt = write.expiresAt() == 0 ? null : Instant.ofEpochMilli(write.expiresAt());
            if (write.isDelete()) {
                batch.delete(key);
            } else if (write.isExpiryOnly()) {
                batch.expireAt(key, expiresAt);
            } else {
                batch.put(key, write.value(), PutOptions.DEFAULT, expiresAt);
            }
        });
        return batch.commitAsync();
    }

    /** The keys written here. */
    public Collection<String> writtenKeys() {
        return writes.keySet();
    }

    private Map<String, Write> writable() {
        if (writes.isEmpty()) {
            writes = new LinkedHashMap<>(4); // most commands write one key
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
        awaitApplied(key);
        return engine.get(key).orElse(null);
    }

    private void awaitApplied(List<String> keys) {
        for (String key : keys) {
            awaitApplied(key);
        }
    }

    private void awaitApplied(String key) {
        CompletableFuture<?> pending = locks.pending(KeyLocks.stripe(key));
        if (pending != null) {
            throw new MustWait(pending);
        }
    }
}
