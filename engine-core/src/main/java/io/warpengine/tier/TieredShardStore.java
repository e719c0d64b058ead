package io.warpengine.tier;

import io.warpengine.core.ShardStore;
import io.warpengine.snapshot.SnapshotSource;
import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredRead;
import io.warpengine.store.StoredValue;
import io.warpengine.store.ValueTier;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A shard's keys with their values in memory tiers: each key maps to its value in one form, a stored value
 * ({@code byte[]}, or a {@link Promoted} one: the event horizon), a {@link Photon} (compressed in memory) or a
 * {@link DeepValue} (a record of the deep log). The writer replaces a key's form with a new stored value or removes it; the demoter and
 * promoting readers change a form only by compare-and-set against the form they read, so a move between tiers
 * never overwrites a newer write: it fails, and the write stands. A read returns the form it found, decoded: the
 * value the key held when the index was read.
 */
public final class TieredShardStore implements ShardStore {

    /** By {@link TierCounters}' numbering. */
    private static final ValueTier[] TIERS = {ValueTier.EVENT_HORIZON, ValueTier.PHOTON_SPHERE, ValueTier.DEEP_CACHE};

    private final TierIndex index;
    private final Tiers tiers;
    private final TierCounters counters;
    private final ReferenceBits references;
    private final AtomicLong keyCount = new AtomicLong();
    private final AtomicLong valueBytes = new AtomicLong();

    TieredShardStore(Tiers tiers, int expectedKeys) {
        this.index = new TierIndex(expectedKeys);
        this.tiers = tiers;
        this.counters = tiers.counters;
        this.references = tiers.references;
    }

    @Override
    public boolean put(String key, byte[] value) {
        Object old = index.put(key, value);
        counters.replaced(old, value);
        account(old == null ? 1 : 0, StoredValue.length(value) - (old == null ? 0 : valueLength(old)));
        tiers.afterWrite();
        return old != null;
    }

    @Override
    public boolean remove(String key) {
        Object old = index.remove(key);
        if (old == null) {
            return false;
        }
        counters.replaced(old, null);
        account(-1, -valueLength(old));
        return true;
    }

    @Override
    public byte[] get(String key) {
        Object held = index.get(key);
        if (held instanceof byte[] stored) {
            return get(key, stored);
        }
        return held == null ? null : readLower(key, held);
    }

    /** Not a read: no reference mark, no hit, nothing read from disk. */
    @Override
    public boolean contains(String key) {
        return index.get(key) != null;
    }

    /** A read served from a plain stored value: the common case, kept short. */
    private byte[] get(String key, byte[] stored) {
        if (tiers.tracking) {
            references.mark(key);
        }
        counters.hit(TierCounters.HORIZON);
        return stored;
    }

    /** A value not held as a plain stored value: promoted (still in the event horizon), compressed or deep. */
    private byte[] readLower(String key, Object held) {
        if (held instanceof Promoted promoted) {
            references.mark(key); // only above the bound: no check of tracking needed
            counters.hit(TierCounters.HORIZON);
            return promoted.stored;
        }
        return readBelow(key, held);
    }

    /**
     * A value read from the photon sphere or the deep cache; read twice since the demoter passed, it moves up (from
     * the deep cache, keeping its record: see {@link Promoted}).
     */
    private byte[] readBelow(String key, Object held) {
        byte[] stored = decode(key, held);
        if (stored == null) {
            return null; // deleted while its record was read
        }
        counters.hit(TierCounters.tierOf(held));
        if (references.mark(key) && tiers.promotes()) {
            Object up = held instanceof DeepValue deep ? new Promoted(stored, deep) : stored;
            if (index.replace(key, held, up)) {
                counters.replaced(held, up);
                counters.promoted(held);
                tiers.afterPromotion();
            }
        }
        return stored;
    }

    @Override
    public StoredRead read(String key) {
        Object held = index.get(key);
        if (held == null) {
            return null;
        }
        return new StoredRead(held instanceof byte[] stored ? get(key, stored) : readLower(key, held),
                TIERS[TierCounters.tierOf(held)]);
    }

    @Override
    public void load(String key, Object held) {
        index.put(key, held);
        counters.replaced(null, held);
        account(1, valueLength(held));
    }

    @Override
    public long keyCount() {
        return keyCount.get();
    }

    @Override
    public long valueBytes() {
        return valueBytes.get();
    }

    /**
     * Reads deep values from disk without promoting them: a pass over every key should not churn the tiers. A key
     * deleted while its value was being read is skipped.
     */
    @Override
    public void forEach(BiConsumer<String, byte[]> visitor) {
        index.forEach((key, held) -> {
            byte[] stored = decode(key, held);
            if (stored != null) {
                visitor.accept(key, stored);
            }
        });
    }

    @Override
    public void forEachKey(Consumer<String> visitor) {
        index.forEach((key, held) -> visitor.accept(key));
    }

    /**
     * Photon values are written as stored values (a snapshot holds no compressed form); promoted ones as their deep
     * record, which holds the same value.
     */
    @Override
    public void forEachHeld(SnapshotSource.EntryVisitor visitor) {
        index.forEach((key, held) -> {
            if (held instanceof DeepValue deep) {
                visitor.deep(key, deep);
            } else if (held instanceof Promoted promoted) {
                visitor.deep(key, promoted.origin);
            } else {
                visitor.value(key, decode(key, held));
            }
        });
        tiers.syncDeep();
    }

    /**
     * Demoter only. Moves on the CLOCK hand by one key (starting a new pass at the end) and returns it with its
     * form, or null when the store is empty.
     */
    Map.Entry<String, Object> advanceHand() {
        return index.advanceHand();
    }

    /** The form {@code key}'s value is held in now (its tier), or null. */
    Object heldForm(String key) {
        return index.get(key);
    }

    /** Demoter only. Replaces {@code key}'s form {@code held} by {@code lower}; false if the key changed meanwhile. */
    boolean demote(String key, Object held, Object lower) {
        if (!swap(key, held, lower)) {
            return false;
        }
        counters.demoted(lower);
        return true;
    }

    /** Demoter only. Replaces {@code key}'s form {@code held} by {@code other}; false if the key changed meanwhile. */
    boolean swap(String key, Object held, Object other) {
        if (!index.replace(key, held, other)) {
            return false;
        }
        counters.replaced(held, other);
        return true;
    }

    /** Any thread, beside the writer: every key with the form its value is held in (weakly consistent). */
    void forEachHeldForm(BiConsumer<String, Object> visitor) {
        index.forEach(visitor);
    }

    /** The stored value of a held form; null only if the key was deleted while its deep record was being read. */
    private byte[] decode(String key, Object held) {
        if (held instanceof byte[] stored) {
            return stored;
        }
        if (held instanceof Promoted promoted) {
            return promoted.stored;
        }
        if (held instanceof Photon photon) {
            return photon.stored();
        }
        DeepValue deep = (DeepValue) held;
        try {
            return tiers.readDeep(key, deep);
        } catch (CorruptDeepRecordException | UncheckedIOException e) {
            // Compaction may have moved the key and deleted the segment between our index read and this one: the
            // key's form changed, so read the new one. An unchanged form means the record itself is bad.
            Object now = index.get(key);
            if (deep.equals(now)) {
                throw e;
            }
            return now == null ? null : decode(key, now);
        }
    }

    /** The length of the value a form holds (without its trailer), read from no disk. */
    private static int valueLength(Object held) {
        if (held instanceof byte[] stored) {
            return StoredValue.length(stored);
        }
        if (held instanceof Promoted promoted) {
            return StoredValue.length(promoted.stored);
        }
        if (held instanceof Photon photon) {
            return photon.storedLength() - StoredValue.TRAILER;
        }
        return ((DeepValue) held).storedLength() - StoredValue.TRAILER;
    }

    // Changed by the writer only (the tiers change a key's form, never its value).
    private void account(int keys, long bytes) {
        keyCount.lazySet(keyCount.get() + keys);
        valueBytes.lazySet(valueBytes.get() + bytes);
    }
}
