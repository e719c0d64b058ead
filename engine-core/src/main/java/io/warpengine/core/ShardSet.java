package io.warpengine.core;

import io.warpengine.store.StoredRead;
import io.warpengine.store.StoredValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The engine's in-memory state: every shard's store and the router that places keys on them (where a key is
 * read, and figures over all), and what the journal records about keys beside their values: the declared
 * entanglements, the keys' put options and their expiry times. A read treats a key whose expiry time has passed
 * (by {@link #judgeExpiryBy the clock given}) as absent.
 */
public final class ShardSet {

    private final RoutingTable routing;
    private final ShardStore[] stores;
    private final Entanglements entanglements;
    private final KeyOptions keyOptions;
    private final KeyExpiries expiries;
    /** The time, ms since the epoch, that reads judge expiry by: the engine's clock, or a view's target. */
    private volatile LongSupplier nowMillis = System::currentTimeMillis;
    /** Held for a whole {@link #move}, and to start or end a {@link MoveWatch}. */
    private final Object moveLock = new Object();
    private final BatchFence batchFence = new BatchFence();
    private final List<MoveWatch> watches = new ArrayList<>(); // guarded by moveLock

    /** An empty state over {@code stores}. */
    public ShardSet(RoutingTable routing, ShardStore[] stores) {
        this(routing, stores, new Entanglements(), new KeyOptions(), new KeyExpiries());
    }

    public ShardSet(RoutingTable routing, ShardStore[] stores, Entanglements entanglements, KeyOptions keyOptions,
                    KeyExpiries expiries) {
        if (stores.length != routing.writers()) {
            throw new IllegalArgumentException(stores.length + " stores for a table over " + routing.writers() + " writers");
        }
        this.routing = routing;
        this.stores = stores.clone();
        this.entanglements = entanglements;
        this.keyOptions = keyOptions;
        this.expiries = expiries;
    }

    /** Before the state is shared: reads judge expiry by {@code nowMillis} (ms since the epoch). */
    public void judgeExpiryBy(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** The time reads judge expiry by now, ms since the epoch. */
    public long nowMillis() {
        return nowMillis.getAsLong();
    }

    public KeyExpiries expiries() {
        return expiries;
    }

    /**
     * Whether {@code key} has expired as of now. A value and its expiry are two stores: single-key reads pair them
     * through the batch fence (a put that sets or replaces an expiry is fenced), multi-key reads at one point.
     */
    private boolean expiredNow(String key) {
        return expiries.any() && expiries.expired(key, nowMillis.getAsLong());
    }

    public Entanglements entanglements() {
        return entanglements;
    }

    public KeyOptions keyOptions() {
        return keyOptions;
    }

    public RoutingTable routing() {
        return routing;
    }

    /**
     * Any thread. As {@link #read}, never from the middle of a batch being applied: the value before the batch or
     * after it ({@link BatchFence}). What a single-key {@code get} reads.
     */
    public byte[] readOutsideBatches(String key) {
        while (true) {
            long epoch = batchFence.enter();
            byte[] stored = read(key);
            if (batchFence.unchangedSince(epoch)) {
                return stored;
            }
        }
    }

    /** Writer only: the writes of one batch are about to be applied; {@link #endBatch()} when they all are. */
    public void beginBatch() {
        batchFence.open();
    }

    /** Writer only: see {@link #beginBatch()}. */
    public void endBatch() {
        batchFence.close();
    }

    /**
     * Any thread. The stored array of {@code key}, or null. A miss while the routing table changed is read again:
     * a move copies a logical shard's keys to the new owner, switches the table, then removes them from the old
     * owner, so a read that went to the old owner and missed sees the new table. With one store (one writer, the
     * default) every logical shard is in it and nothing moves: the read skips the routing, whose pin filter cost
     * GET about 5% of its CPU with physics on (./warp bench physics, 20 rounds).
     */
    public byte[] read(String key) {
        return expiredNow(key) ? null : readStored(key);
    }

    private byte[] readStored(String key) {
        if (stores.length == 1) {
            return stores[0].get(key);
        }
        while (true) {
            int[] table = routing.current();
            byte[] stored = stores[table[routing.logicalShardOf(key)]].get(key);
            if (stored != null || routing.current() == table) {
                return stored;
            }
        }
    }

    /** Any thread. Whether {@code key} holds a value (expired or not), without reading it. */
    public boolean contains(String key) {
        if (stores.length == 1) {
            return stores[0].contains(key);
        }
        while (true) {
            int[] table = routing.current();
            boolean held = stores[table[routing.logicalShardOf(key)]].contains(key);
            if (held || routing.current() == table) {
                return held;
            }
        }
    }

    /** As {@link #read}, with the tier that served the value; null when absent. */
    public StoredRead readWithTier(String key) {
        if (expiredNow(key)) {
            return null;
        }
        if (stores.length == 1) {
            return stores[0].read(key);
        }
        while (true) {
            int[] table = routing.current();
            StoredRead read = stores[table[routing.logicalShardOf(key)]].read(key);
            if (read != null || routing.current() == table) {
                return read;
            }
        }
    }

    /**
     * Writer only. Gives {@code logicalShard} to {@code writer} and moves its keys there (copy, switch the table,
     * remove: see {@link #read}); returns how many keys moved. Takes a pass over the old owner's keys.
     */
    public int move(int logicalShard, int writer) {
        if (logicalShard < 0 || logicalShard >= routing.logicalShards() || writer < 0 || writer >= stores.length) {
            throw new IllegalArgumentException("no logical shard " + logicalShard + " or writer " + writer);
        }
        int from = routing.ownerOf(logicalShard);
        if (from == writer) {
            return 0;
        }
        synchronized (moveLock) {
            List<String> moving = new ArrayList<>();
            stores[from].forEach((key, value) -> {
                if (routing.logicalShardOf(key) == logicalShard) {
                    moving.add(key);
                    copyMoving(key, value, writer);
                }
            });
            routing.place(logicalShard, writer);
            for (String key : moving) {
                stores[from].remove(key);
            }
            return moving.size();
        }
    }

    /**
     * Any thread. Starts recording every key that moves between stores, with the value it moved with, until
     * {@link #endWatch}. A visit of the stores one after the other can miss a key that moves meanwhile (into a
     * store already visited, out of one not yet visited); what a watch recorded over the visit fills that gap. A
     * move is wholly before a watch starts, or wholly recorded.
     */
    public MoveWatch watchMoves() {
        synchronized (moveLock) {
            MoveWatch watch = new MoveWatch();
            watches.add(watch);
            return watch;
        }
    }

    /** Ends {@code watch}: the keys that moved since it started (once each, with the latest value moved). */
    public Map<String, byte[]> endWatch(MoveWatch watch) {
        synchronized (moveLock) {
            if (!watches.remove(watch)) {
                throw new IllegalStateException("the move watch was ended already");
            }
            return watch.moved;
        }
    }

    /**
     * Any thread. The keys that start with {@code prefix}, each once, in {@link String#compareTo} order: every key
     * present throughout the call is in it, a key written or moved meanwhile may or may not be (a move watch fills
     * the gap a visit of the stores one after the other leaves); a key expired as of the end is not (nor one a reap
     * deleted during the visit, which the visit may still list). O(keys) time, O(matching keys) memory.
     */
    public List<String> keys(String prefix) {
        boolean expiring = expiries.any(); // and at the end: a reap during the visit needs one of the two true
        List<String> keys = new ArrayList<>();
        MoveWatch watch = watchMoves();
        try {
            for (ShardStore store : stores) {
                store.forEachKey(key -> {
                    if (key.startsWith(prefix)) {
                        keys.add(key);
                    }
                });
            }
        } finally {
            for (String moved : endWatch(watch).keySet()) {
                if (moved.startsWith(prefix)) {
                    keys.add(moved);
                }
            }
        }
        keys.sort(null);
        int distinct = 0; // a key seen in two stores (mid-move) or also in the watch is adjacent to itself now
        for (String key : keys) {
            if (distinct == 0 || !keys.get(distinct - 1).equals(key)) {
                keys.set(distinct++, key);
            }
        }
        keys.subList(distinct, keys.size()).clear();
        if (expiring || expiries.any()) {
            long now = nowMillis.getAsLong();
            keys.removeIf(key -> expiries.expired(key, now) || !contains(key));
        }
        return keys;
    }

    /**
     * Writer only. Deletes each of {@code keys} whose expiry time is at or before {@code atMillis}, with its put
     * options and expiry; a key written since without an expiry, or with a later one, stays.
     */
    public void reap(List<String> keys, long atMillis) {
        for (String key : keys) {
            if (expiries.expired(key, atMillis)) {
                stores[routing.shardOf(key)].remove(key);
                keyOptions.remove(key);
                expiries.remove(key);
            }
        }
    }

    /** Writer only. Entangles {@code primary} with {@code related} and places them by {@link Gravity}. */
    public void entangle(String primary, List<String> related, float strength) {
        entanglements.entangle(primary, related, strength);
        gravitate(related);
    }

    /** Writer only. Disentangles {@code primary} from {@code related}; keys no primary holds go home. */
    public void disentangle(String primary, List<String> related) {
        entanglements.disentangle(primary, related);
        gravitate(related);
    }

    /**
     * Gives each of {@code keys} the logical shard gravity assigns it and moves the values that change store
     * (copy, publish the table, remove, as {@link #move}); a read sees each key on one store or the other.
     */
    private void gravitate(List<String> keys) {
        Map<String, Integer> changes = Gravity.changes(keys, entanglements, routing);
        if (changes.isEmpty()) {
            return;
        }
        synchronized (moveLock) {
            Map<String, Integer> leaving = new LinkedHashMap<>();
            changes.forEach((key, target) -> {
                int from = routing.shardOf(key);
                int to = routing.ownerOf(target);
                byte[] value = stores[from].get(key);
                if (from != to && value != null) {
                    copyMoving(key, value, to);
                    leaving.put(key, from);
                }
            });
            routing.pin(changes);
            leaving.forEach((key, from) -> stores[from].remove(key));
        }
    }

    /** Under the move lock: the first step of a move, a copy into store {@code to}, seen by every watch. */
    private void copyMoving(String key, byte[] value, int to) {
        stores[to].put(key, value);
        for (MoveWatch watch : watches) {
            watch.moved.put(key, value);
        }
    }

    /** Keys moved while a watch is on; see {@link #watchMoves}. */
    public static final class MoveWatch {
        private final Map<String, byte[]> moved = new LinkedHashMap<>();

        private MoveWatch() {
        }
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
            shard.forEach((k, v) -> sum[0] += StateHash.of(k, StoredValue.value(v)));
            hash += sum[0];
        }
        return hash;
    }
}
