package io.warpengine.store;

/** Where a value is held: the memory tiers of {@code memory.max.bytes}, hottest first. */
public enum ValueTier {
    /** In memory as it is (every value, when the tiers are off). */
    EVENT_HORIZON,
    /** In memory, LZ4-compressed. */
    PHOTON_SPHERE,
    /** On disk, in the data directory's deep log. */
    DEEP_CACHE
}
