package io.warpengine;

import io.warpengine.command.Command;
import io.warpengine.core.InputLimits;
import io.warpengine.core.SyncReply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Puts, deletes and expiry changes committed together: one journal entry, applied all at once. No reader ({@code get},
 * {@code getAll}) sees some of them without the others, and after a crash either all of them are there or none.
 * Writes of the same key apply in the order they were added (the last one wins).
 *
 * <p>Fluent and single use: add writes, then {@link #commit()} or {@link #commitAsync()} once. Not thread-safe.
 * Each write is checked as it is added (key, value, and the limits {@code batch.max.writes} and
 * {@code batch.max.bytes}); a refused write throws and leaves the batch as it was.
 */
public final class Batch {

    private final WarpEngine engine;
    private final InputLimits limits;
    private final int maxWrites;
    private final long maxBytes;
    private final List<Command.Write> writes = new ArrayList<>();
    private long bytes;
    private boolean committed;

    Batch(WarpEngine engine, InputLimits limits, int maxWrites, long maxBytes) {
        this.engine = engine;
        this.limits = limits;
        this.maxWrites = maxWrites;
        this.maxBytes = maxBytes;
    }

    /** Adds a put of {@code value} (copied now) under {@code key}. */
    public Batch put(String key, byte[] value) {
        checkNotCommitted();
        int keyBytes = limits.checkKey(key);
        byte[] copy = limits.copyValue(value);
        add(new Command.Put(key, copy), keyBytes + (long) copy.length);
        return this;
    }

    /**
     * Adds a put of {@code value} (copied now) under {@code key} with {@code options}, to expire at
     * {@code expiresAt} (null: never).
     */
    public Batch put(String key, byte[] value, PutOptions options, Instant expiresAt) {
        checkNotCommitted();
        int keyBytes = limits.checkKey(key);
        byte[] copy = limits.copyValue(value);
        if (options == null) {
            throw new IllegalArgumentException("put options must not be null (use PutOptions.DEFAULT)");
        }
        long at = expiresAt == null ? 0 : ExpiryTimes.at(expiresAt);
        add(new Command.Put(key, copy, options, at), keyBytes + (long) copy.length);
        return this;
    }

    /**
     * Adds a change of {@code key}'s expiry time to {@code expiresAt} (a time already past: the key expires at
     * once), or its removal when {@code expiresAt} is null; it changes the key only if it exists, as of the batch's
     * writes before it.
     */
    public Batch expireAt(String key, Instant expiresAt) {
        checkNotCommitted();
        int keyBytes = limits.checkKey(key);
        add(new Command.Expire(key, expiresAt == null ? 0 : ExpiryTimes.at(expiresAt)), keyBytes);
        return this;
    }

    /** Adds a delete of {@code key}. */
    public Batch delete(String key) {
        checkNotCommitted();
        add(new Command.Delete(key), limits.checkKey(key));
        return this;
    }

    /** Writes added so far. */
    public int size() {
        return writes.size();
    }

    /**
     * Journals and applies every write of the batch as one entry; returns once it is acknowledged. An empty batch
     * writes nothing and returns {@link BatchResult#EMPTY}.
     */
    public BatchResult commit() {
        Command.Batch command = seal();
        if (command == null) {
            return BatchResult.EMPTY;
        }
        SyncReply reply = engine.call(command);
        return new BatchResult(reply.sequence(), command.writes().size());
    }

    /** As {@link #commit()}, completing the future when the batch is acknowledged. */
    public CompletableFuture<BatchResult> commitAsync() {
        Command.Batch command = seal();
        if (command == null) {
            return CompletableFuture.completedFuture(BatchResult.EMPTY);
        }
        BatchFuture future = new BatchFuture(command.writes().size());
        engine.publish(command, future);
        return future;
    }

    private void add(Command.Write write, long writeBytes) {
        if (writes.size() >= maxWrites) {
            throw new IllegalArgumentException("the batch already holds batch.max.writes=" + maxWrites
                    + " writes; commit it and start another, or raise batch.max.writes");
        }
        if (bytes + writeBytes > maxBytes) {
            throw new IllegalArgumentException("this write of " + writeBytes + " bytes would take the batch to "
                    + (bytes + writeBytes) + " bytes of keys and values, over batch.max.bytes=" + maxBytes);
        }
        writes.add(write);
        bytes += writeBytes;
    }

    private Command.Batch seal() {
        checkNotCommitted();
        committed = true;
        return writes.isEmpty() ? null : new Command.Batch(writes);
    }

    private void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("this batch was already committed; start another with engine.batch()");
        }
    }
}
