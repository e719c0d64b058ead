package io.warpengine.core;

import java.util.Arrays;

/**
 * The outcomes of one writer-role round, kept by the leader so that its callers are released after the role is
 * free: the ring slots may be reused by then, so the outcomes are copied out of them. One per leading thread,
 * reused round after round.
 */
final class WriteBatch {

    private static final int INITIAL_CAPACITY = 64;

    private Reply[] replies;
    private long[] sequences;
    private int[] logicalShards;
    private int[] shards;
    private boolean[] existed;
    private RuntimeException[] failures;
    private int size;
    private boolean releasing;

    WriteBatch() {
        replies = new Reply[INITIAL_CAPACITY];
        sequences = new long[INITIAL_CAPACITY];
        logicalShards = new int[INITIAL_CAPACITY];
        shards = new int[INITIAL_CAPACITY];
        existed = new boolean[INITIAL_CAPACITY];
        failures = new RuntimeException[INITIAL_CAPACITY];
    }

    /** Before a round of {@code commands}: grows the arrays (by doubling) if they are smaller. */
    void ensureCapacity(int commands) {
        if (commands <= replies.length) {
            return;
        }
        int capacity = Math.max(commands, replies.length * 2);
        replies = Arrays.copyOf(replies, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        logicalShards = Arrays.copyOf(logicalShards, capacity);
        shards = Arrays.copyOf(shards, capacity);
        existed = Arrays.copyOf(existed, capacity);
        failures = Arrays.copyOf(failures, capacity);
    }

    void complete(Reply reply, long sequence, int logicalShard, int shard, boolean keyExisted) {
        replies[size] = reply;
        sequences[size] = sequence;
        logicalShards[size] = logicalShard;
        shards[size] = shard;
        existed[size] = keyExisted;
        failures[size] = null;
        size++;
    }

    void fail(Reply reply, RuntimeException failure) {
        replies[size] = reply;
        failures[size] = failure;
        size++;
    }

    /** True while {@link #releaseCallers} runs (a future's callback may write, and so lead, on this thread). */
    boolean inUse() {
        return releasing;
    }

    /** Completes or fails every reply of the round, in ring order, then empties the batch. */
    void releaseCallers() {
        releasing = true;
        try {
            for (int i = 0; i < size; i++) {
                Reply reply = replies[i];
                replies[i] = null;
                RuntimeException failure = failures[i];
                if (failure != null) {
                    failures[i] = null;
                    reply.fail(failure);
                } else {
                    reply.complete(sequences[i], logicalShards[i], shards[i], existed[i]);
                }
            }
        } finally {
            size = 0;
            releasing = false;
        }
    }
}
