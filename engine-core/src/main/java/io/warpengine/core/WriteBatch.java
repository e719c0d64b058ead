package io.warpengine.core;

/**
 * The outcomes of one writer-role round, kept by the leader so that its callers are released after the role is
 * free: the ring slots may be reused by then, so the outcomes are copied out of them. One per leading thread,
 * reused round after round.
 */
final class WriteBatch {

    private final Reply[] replies;
    private final long[] sequences;
    private final int[] shards;
    private final boolean[] existed;
    private final RuntimeException[] failures;
    private int size;
    private boolean releasing;

    WriteBatch(int capacity) {
        replies = new Reply[capacity];
        sequences = new long[capacity];
        shards = new int[capacity];
        existed = new boolean[capacity];
        failures = new RuntimeException[capacity];
    }

    void complete(Reply reply, long sequence, int shard, boolean keyExisted) {
        replies[size] = reply;
        sequences[size] = sequence;
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
                    reply.complete(sequences[i], shards[i], existed[i]);
                }
            }
        } finally {
            size = 0;
            releasing = false;
        }
    }
}
