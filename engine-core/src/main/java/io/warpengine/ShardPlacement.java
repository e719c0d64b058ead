package io.warpengine;

import java.util.List;

/**
 * The routing table: which writer owns each logical shard ({@link WarpEngine#placement()}).
 *
 * @param logicalShards the number of logical shards ({@link EngineConfig#logicalShards()})
 * @param writers       the number of writers ({@link EngineConfig#shards()})
 * @param owners        the owner of each logical shard, indexed by logical shard
 * @param pinnedKeys    keys that gravity placed with their strongest primary, away from their own home
 */
public record ShardPlacement(int logicalShards, int writers, List<Integer> owners, int pinnedKeys) {

    public ShardPlacement {
        owners = List.copyOf(owners);
    }

    /** The writer that owns {@code logicalShard}. */
    public int ownerOf(int logicalShard) {
        return owners.get(logicalShard);
    }
}
