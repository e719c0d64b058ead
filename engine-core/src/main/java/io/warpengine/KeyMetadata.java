package io.warpengine;

/**
 * A key's value and what the engine keeps about it, read at one point of the engine's sequence
 * ({@link WarpEngine#getWithMetadata}).
 *
 * @param value        the value (a copy)
 * @param logicalShard the key's logical shard (by the key, or its hash tag)
 * @param shard        the writer (shard store) that owns the logical shard now
 * @param options      the put options of the key's last write
 */
public record KeyMetadata(byte[] value, int logicalShard, int shard, PutOptions options) {
}
