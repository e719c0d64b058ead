package io.warpengine.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's in-memory state: every shard's store and the router that places keys on them (where a key is
 * read, and figures over all), and what the journal records about keys beside their values: the declared
 * entanglements and the keys' put options.
 */
public final class ShardSet {

    private final Router router;
    private final ShardStore[] stores;
    private final Entanglements entanglements;
    private final KeyOptions keyOptions;

    /** An empty state over {@code stores}. */
    public ShardSet(Router router, ShardStore[] stores) {
        this(router, stores, new Entanglements(), new KeyOptions());
    }

    public ShardSet(Router router, ShardStore[] stores, Entanglements entanglements, KeyOptions keyOptions) {
        if (stores.length != router.shards()) {
            throw new IllegalArgumentException(stores.length + " stores for a router over " + router.shards() + " shards");
        }
        this.router = router;
        this.stores = stores.clone();
        this.entanglements = entanglements;
        this.keyOptions = keyOptions;
    }

    public Entanglements entanglements() {
        return entanglements;
    }

    public KeyOptions keyOptions() {
        return keyOptions;
    }

    public Router router() {
        return router;
    }

    public int count() {
        return stores.length;
    }

    public ShardStore store(int shard) {
        return stores[shard];
    }

    /** Keys held now, over all shards. */
    public long liveKeys() {
        long keys = 0;
        for (ShardStore s : stores) {
            keys += s.keyCount();
        }
        return keys;
    }

    /** Bytes of the values held now, over all shards. */
    public long valueBytes() {
        long bytes = 0;
        for (ShardStore s : stores) {
            bytes += s.valueBytes();
        }
        return bytes;
    }

    /** Keys held per shard, indexed by shard. */
    public List<Long> keyCounts() {
        List<Long> perShard = new ArrayList<>(stores.length);
        for (ShardStore s : stores) {
            perShard.add(s.keyCount());
        }
        return List.copyOf(perShard);
    }

    /**
     * A digest of every key and value, independent of shard count and insertion order ({@link StateHash}): equal
     * states give equal hashes. Exact when no write is in flight; O(keys).
     */
    public long stateHash() {
        long hash = 0;
        for (ShardStore shard : stores) {
            long[] sum = {0};
            shard.forEach((k, v) -> sum[0] += StateHash.of(k, v));
            hash += sum[0];
        }
        return hash;
    }
}
