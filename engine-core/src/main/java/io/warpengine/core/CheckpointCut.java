package io.warpengine.core;

import io.warpengine.snapshot.Snapshot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One checkpoint's consistent cut. The journal thread stamps it with the sequence of the last entry before it
 * in the ring; then each shard's writer, on reaching it, copies its map: every write before the cut is applied
 * and none after it, in every shard, because all shards stop at the same ring position. The writers pay only
 * the copy of references; the last one hands the cut to {@code persist}, which assembles and writes the
 * snapshot off the ring.
 */
public final class CheckpointCut {

    private final String[][] keys;
    private final byte[][][] values;
    private final AtomicInteger remaining;
    private final Consumer<CheckpointCut> persist;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private long sequence;
    private long timestampMicros;

    public CheckpointCut(int shards, Consumer<CheckpointCut> persist) {
        this.keys = new String[shards][];
        this.values = new byte[shards][][];
        this.remaining = new AtomicInteger(shards);
        this.persist = persist;
    }

    /** Journal thread: the cut sits after entry {@code sequence}. */
    void stamp(long sequence, long timestampMicros) {
        this.sequence = sequence;
        this.timestampMicros = timestampMicros;
    }

    /** Shard writer {@code shard}, at the cut. */
    void capture(int shard, ShardStore state) {
        ShardStore.Copy copy = state.capture();
        keys[shard] = copy.keys();
        values[shard] = copy.values();
        if (remaining.decrementAndGet() == 0) {
            persist.accept(this);
        }
    }

    /** Completes with the snapshot's sequence once its file is durable. */
    public CompletableFuture<Long> done() {
        return done;
    }

    /** After every shard captured: the snapshot, assembled once (it releases the cut's own arrays). */
    Snapshot takeSnapshot() {
        int total = 0;
        for (String[] k : keys) {
            total += k.length;
        }
        String[] allKeys = new String[total];
        byte[][] allValues = new byte[total][];
        int at = 0;
        for (int s = 0; s < keys.length; s++) {
            System.arraycopy(keys[s], 0, allKeys, at, keys[s].length);
            System.arraycopy(values[s], 0, allValues, at, values[s].length);
            at += keys[s].length;
            keys[s] = null; // the ring slot keeps this cut until reused: do not keep a state copy alive with it
            values[s] = null;
        }
        return new Snapshot(sequence, timestampMicros, allKeys, allValues);
    }
}
