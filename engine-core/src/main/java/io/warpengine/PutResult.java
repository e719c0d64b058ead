package io.warpengine;

/**
 * The outcome of an acknowledged put.
 *
 * @param sequence the engine sequence of the journal entry that holds the write (dense, from 1)
 * @param shard    the shard that owns the key
 */
public record PutResult(long sequence, int shard) {
}
