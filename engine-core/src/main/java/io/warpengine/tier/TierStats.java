package io.warpengine.tier;

/**
 * The memory tiers' figures, read without stopping anyone (each may lag the others by in-flight work).
 *
 * @param maxBytes         the bound on the memory values use ({@code memory.max.bytes}); 0 when tiers are off
 * @param horizon          the event horizon: values in memory as they are
 * @param photon           the photon sphere: values in memory, LZ4-compressed
 * @param deep             the deep cache: values on disk, in the deep log
 * @param deepFileBytes    bytes of the deep log's files (live values and the garbage of overwritten ones)
 * @param compactedSegments deep segments compaction emptied and retired since the engine opened
 * @param stalls           writes that waited for the demoter because memory was over the bound
 */
public record TierStats(long maxBytes, Tier horizon, Tier photon, Tier deep, long deepFileBytes,
                        long compactedSegments, long stalls) {

    /**
     * One tier's figures.
     *
     * @param keys       keys whose value is in this tier
     * @param bytes      bytes the values take here: in memory (array headers included) for the event horizon and
     *                   the photon sphere, on disk (stored values, without record headers) for the deep cache
     * @param hits       reads served from this tier
     * @param promotions values read here and moved up to the event horizon
     * @param demotions  values moved down into this tier by the demoter (or by recovery, into the deep cache)
     */
    public record Tier(long keys, long bytes, long hits, long promotions, long demotions) {
    }

    /** Memory the values use: the event horizon's and the photon sphere's bytes. */
    public long memoryBytes() {
        return horizon.bytes + photon.bytes;
    }
}
