package io.warpengine.bench.policy;

/**
 * A bounded set of resident keys and the rule that picks which one leaves when a new key comes in: the decision
 * the event-horizon tiers make about which values stay hot. Reads only: a read that misses loads its key, as a
 * demand fetch from the deeper tier would.
 */
interface CachePolicy {

    /** Reads {@code key}: true on a hit; on a miss the key is admitted, which may evict another. */
    boolean access(int key);

    /** Whether {@code key} is resident, without counting as a read (no effect on recency or frequency). */
    boolean contains(int key);

    /** Resident keys, once any pending eviction has run. */
    long size();
}
