package io.warpengine;

/**
 * The outcome of an acknowledged put: where the write is in the journal, and where the key lives.
 *
 * @param sequence     the engine sequence of the journal entry that holds the write (dense, from 1)
 * @param shard        the writer (shard store) that owned the key when the write was applied
 * @param logicalShard the logical shard the key was on when the write was applied: its home (by the key, or its
 *                     hash tag), or where gravity placed it (see {@link WarpEngine#logicalShardOf})
 */
public record PutResult(long sequence, int shard, int logicalShard) {
}
