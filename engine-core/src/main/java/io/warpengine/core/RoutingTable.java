package io.warpengine.core;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where keys live: every key belongs to one of {@link #logicalShards()} logical shards, and each logical shard is
 * owned by one writer (a shard store). A key's home is a stable hash of the key or of its hash tag; gravity
 * ({@link Gravity}) may pin a key to another logical shard. Owners and pins change only through journaled
 * commands (placement, entanglement), so recovery reproduces them. Written by one thread at a time (the writer
 * role, or recovery), read by any.
 *
 * <p>Hash tags, as in Redis Cluster: when a key holds a {@code '{'} followed later by a {@code '}'} with at least
 * one character between them, only those characters are hashed, so {@code user:{42}:profile} and
 * {@code user:{42}:settings} share a logical shard (and a writer).
 */
public final class RoutingTable {

    private final int logicalShards;
    private final int writers;
    /**
     * Owner of each logical shard; replaced whole on each change of owners or pins, so a reader sees one table or
     * the next, and one that missed a key during a change sees another array (see {@link ShardSet#read}).
     */
    private volatile int[] owners;
    /** Keys gravity placed away from their home, with their logical shard. */
    private final ConcurrentHashMap<String, Integer> pins = new ConcurrentHashMap<>();
    /**
     * A one-hash Bloom filter over the pinned keys, null when none is: a lookup of a key that is not pinned (almost
     * every key) costs a bit test instead of a probe of {@link #pins}. At least {@link #BITS_PER_PIN} bits per pin
     * (a false positive, at most ~6% of lookups, only costs that probe; 64 Ki bits at least, 16 Mi at most). Bits
     * are set in place before a pin is published; a rebuild (pins removed, or too many for the size) replaces it.
     */
    private volatile long[] pinFilter;
    private static final int BITS_PER_PIN = 16;
    private static final int MIN_FILTER_BITS = 1 << 16;
    private static final int MAX_FILTER_BITS = 1 << 24;

    /** The default spread: logical shard i is owned by writer i mod {@code writers}. */
    public RoutingTable(int logicalShards, int writers) {
        if (Integer.bitCount(logicalShards) != 1 || writers < 1 || writers > logicalShards) {
            throw new IllegalArgumentException(logicalShards + " logical shards (a power of two, at least one per"
                    + " writer) over " + writers + " writers");
        }
        this.logicalShards = logicalShards;
        this.writers = writers;
        int[] spread = new int[logicalShards];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = i % writers;
        }
        this.owners = spread;
    }

    public int logicalShards() {
        return logicalShards;
    }

    /** Number of writers (shard stores) the logical shards are spread over. */
    public int writers() {
        return writers;
    }

    /** The logical shard of {@code key}: where gravity pinned it, else its home. */
    public int logicalShardOf(String key) {
        long[] filter = pinFilter;
        if (filter != null) {
            int bit = filterBit(key, filter);
            if ((filter[bit >>> 6] & (1L << bit)) != 0) {
                Integer pin = pins.get(key);
                if (pin != null) {
                    return pin;
                }
            }
        }
        return homeOf(key);
    }

    /** The home logical shard of {@code key}: a stable hash of its hash tag, or of the whole key. */
    public int homeOf(String key) {
        int open = key.indexOf('{');
        int h;
        if (open >= 0) {
            int close = key.indexOf('}', open + 2);
            h = close > 0 ? hash(key, open + 1, close) : key.hashCode();
        } else {
            h = key.hashCode(); // fixed by the language specification, and cached by the string
        }
        h *= 0x9E3779B9;
        return (h ^ (h >>> 16)) & (logicalShards - 1);
    }

    /** The writer that owns {@code key} now. */
    public int shardOf(String key) {
        return owners[logicalShardOf(key)];
    }

    /** The writer that owns {@code logicalShard} now. */
    public int ownerOf(int logicalShard) {
        return owners[logicalShard];
    }

    /** The table itself, to compare with a later {@link #current()}: a changed table is another array. */
    int[] current() {
        return owners;
    }

    /** The owner of each logical shard, a copy. */
    public int[] owners() {
        return owners.clone();
    }

    /** Writer only. Gives {@code logicalShard} to {@code writer}; the caller moves its keys. */
    public void place(int logicalShard, int writer) {
        check(logicalShard, writer);
        int[] next = owners.clone();
        next[logicalShard] = writer;
        owners = next;
    }

    /**
     * Writer only. Gives each key of {@code logicalShards} that logical shard (its home unpins it), then publishes
     * a new table; the caller moves the keys' values (copy before, remove after: see {@link ShardSet#read}).
     */
    public void pin(Map<String, Integer> logicalShards) {
        long[] filter = pinFilter == null ? new long[MIN_FILTER_BITS / 64] : pinFilter;
        boolean rebuild = false;
        for (Map.Entry<String, Integer> change : logicalShards.entrySet()) {
            String key = change.getKey();
            int logicalShard = change.getValue();
            check(logicalShard, 0);
            if (logicalShard == homeOf(key)) {
                rebuild |= pins.remove(key) != null;
            } else {
                int bit = filterBit(key, filter);
                filter[bit >>> 6] |= 1L << bit; // before the pin: a reader that finds the pin finds its bit
                pins.put(key, logicalShard);
            }
        }
        long wanted = Math.min(MAX_FILTER_BITS, Math.max(MIN_FILTER_BITS,
                Long.highestOneBit((long) pins.size() * BITS_PER_PIN * 2 - 1)));
        if (pins.isEmpty()) {
            filter = null;
        } else if (rebuild || (long) filter.length * 64 < wanted) {
            filter = new long[(int) (wanted / 64)];
            for (String key : pins.keySet()) {
                int bit = filterBit(key, filter);
                filter[bit >>> 6] |= 1L << bit;
            }
        }
        pinFilter = filter;
        owners = owners.clone();
    }

    /** Keys gravity placed away from their home. */
    public int pinnedKeys() {
        return pins.size();
    }

    /** Recovery only: the owners a snapshot recorded (of the same shape). */
    public void load(int[] recorded) {
        if (recorded.length != logicalShards) {
            throw new IllegalArgumentException(recorded.length + " owners for " + logicalShards + " logical shards");
        }
        for (int i = 0; i < recorded.length; i++) {
            check(i, recorded[i]);
        }
        owners = recorded.clone();
    }

    /** Whether a placement made for {@code logicalShards} over {@code writers} applies to this table. */
    public boolean sameShape(int logicalShards, int writers) {
        return this.logicalShards == logicalShards && this.writers == writers;
    }

    private void check(int logicalShard, int writer) {
        if (logicalShard < 0 || logicalShard >= logicalShards || writer < 0 || writer >= writers) {
            throw new IllegalArgumentException("logical shard " + logicalShard + " and writer " + writer
                    + " must be below " + logicalShards + " and " + writers);
        }
    }

    private static int filterBit(String key, long[] filter) {
        int h = key.hashCode() * 0x85EBCA6B; // another mix than the logical shard's
        return (h ^ (h >>> 15)) & ((filter.length << 6) - 1);
    }

    /** {@link String#hashCode()} of {@code key}'s characters in [from, to), without a substring. */
    private static int hash(String key, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + key.charAt(i);
        }
        return h;
    }

    @Override
    public String toString() {
        return "RoutingTable[" + logicalShards + " logical shards over " + writers + " writers: "
                + Arrays.toString(owners) + ", " + pins.size() + " keys pinned]";
    }
}
