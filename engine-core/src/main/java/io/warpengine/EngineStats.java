package io.warpengine;

import io.warpengine.tier.TierStats;

import java.util.List;
import java.util.Optional;

/**
 * A point-in-time view of an engine; figures are read without stopping writers, so they may lag in-flight
 * commands by a few operations.
 *
 * @param keyCount          keys held across all shards
 * @param valueBytes        bytes of the values held (keys not included)
 * @param journalBytes      size of the journal's files on disk now: Chronicle sizes them in chunks ahead of the
 *                          data, and retention deletes whole files, so it runs ahead of the bytes written and
 *                          falls back when a file goes
 * @param journalBytesSinceOpen bytes this engine has appended to the journal since this open (entries and their
 *                          Chronicle headers; the measure of journal bytes per operation); 0 after a reopen
 * @param lastSequence      engine sequence of the newest journaled entry (0 when none)
 * @param shardKeyCounts    keys held per shard, indexed by shard
 * @param tiers             the memory tiers' figures; empty when {@code memory.max.bytes} is 0 (every value on the
 *                          heap)
 * @param expiringKeys      keys with an expiry time (counted in {@code keyCount} until they are reaped)
 */
public record EngineStats(long keyCount, long valueBytes, long journalBytes, long journalBytesSinceOpen, long lastSequence,
                          List<Long> shardKeyCounts, Optional<TierStats> tiers, long expiringKeys) {
}
