package io.warpengine;

import java.util.List;

/**
 * A point-in-time view of an engine; figures are read without stopping writers, so they may lag in-flight
 * commands by a few operations.
 *
 * @param keyCount          keys held across all shards
 * @param valueBytes        bytes of the values held (keys not included)
 * @param journalBytes      size of the journal's files (Chronicle grows them in blocks, so this runs ahead of
 *                          the bytes written)
 * @param journalBytesWritten bytes this engine has appended to the journal since it opened (entries and
 *                          their Chronicle headers; the measure of journal bytes per operation)
 * @param lastSequence      engine sequence of the newest journaled entry (0 when none)
 * @param shardKeyCounts    keys held per shard, indexed by shard
 */
public record EngineStats(long keyCount, long valueBytes, long journalBytes, long journalBytesWritten, long lastSequence,
                          List<Long> shardKeyCounts) {
}
