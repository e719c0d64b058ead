package io.warpengine.core;

/**
 * Maps a key to its shard by a stable hash: {@link String#hashCode()} is fixed by the language specification,
 * and a multiplicative mix spreads keys that differ only in their last characters.
 */
public final class HashRouter implements Router {

    private final int shards;

    public HashRouter(int shards) {
        this.shards = shards;
    }

    @Override
    public int shardOf(String key) {
        if (shards == 1) {
            return 0;
        }
        int h = key.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), shards);
    }

    @Override
    public int shards() {
        return shards;
    }
}
