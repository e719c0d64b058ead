package io.warpengine;

/**
 * Sees every read ({@code get}, {@code getAsync}) of an engine or view: what read-driven learners (co-access,
 * hotness) consume. Reads do not travel through the ring, so this is called on the reading thread, right after
 * the read: keep it short, thread-safe and non-blocking (e.g. count, or offer into a lossy buffer drained by a
 * thread of the learner's own). An observer that throws is logged and the read still returns its value. With
 * none registered, a read pays one null check.
 */
@FunctionalInterface
public interface ReadObserver {

    /**
     * @param key   the key read
     * @param shard the shard that owns it
     * @param found whether it held a value
     */
    void onRead(String key, int shard, boolean found);
}
