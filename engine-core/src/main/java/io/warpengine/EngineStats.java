package io.warpengine;

import java.util.List;

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
 */
public record EngineStats(long keyCount, long valueBytes, long journalBytes, long journalBytesSinceOpen, long lastSequence,
                          List<Long> shardKeyCounts) {
}
