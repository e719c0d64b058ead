package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A snapshot read from a file (or built in memory): parallel arrays of keys, stored values
 * ({@link io.warpengine.store.StoredValue}: each value with the sequence and time of its write; the arrays are
 * shared, never copied: nobody mutates a stored value) and deep values. Each key has exactly one of a stored value
 * (in the file) and a deep value (a record of the deep log, written by an engine with memory tiers).
 *
 * @param sequence           every journal entry up to this sequence is in the state: recovery replays from the next
 * @param timestampMicros    wall-clock time of that entry
 * @param endSequence        no entry after this sequence is in the state; equal to {@code sequence} for a cut taken
 *                           with the writers stopped, higher for a fuzzy one (taken while writes went on)
 * @param endTimestampMicros wall-clock time of the entry at {@code endSequence}
 * @param deep               where the deep tier holds each key's value, null where {@code values} holds it
 * @param keyOptions         the put-options code of each key that has options other than the defaults
 * @param entanglements      the declared entanglements: primary, then each related key and its strength
 * @param placement          the routing table's owners, or null (a snapshot older than routing tables)
 * @param expiries           the expiry time (ms since the epoch) of each key that has one
 */
public record Snapshot(long sequence, long timestampMicros, long endSequence, long endTimestampMicros,
                       String[] keys, byte[][] values, DeepValue[] deep, Map<String, Byte> keyOptions,
                       Map<String, Map<String, Float>> entanglements, Placement placement, Map<String, Long> expiries)
        implements SnapshotSource {

    /** The owner (writer) of each of {@code logicalShards} logical shards, over {@code writers} writers. */
    public record Placement(int logicalShards, int writers, int[] owners) {
        public Placement {
            if (owners.length != logicalShards) {
                throw new IllegalArgumentException(owners.length + " owners for " + logicalShards + " logical shards");
            }
            owners = owners.clone();
        }

        @Override
        public int[] owners() {
            return owners.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Placement p && p.logicalShards == logicalShards && p.writers == writers
                    && java.util.Arrays.equals(p.owners, owners);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(owners);
        }
    }

    public Snapshot {
        keyOptions = Map.copyOf(keyOptions);
        entanglements = Map.copyOf(entanglements);
        expiries = Map.copyOf(expiries);
        if (keys.length != values.length || keys.length != deep.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values and "
                    + deep.length + " deep values");
        }
        for (int i = 0; i < keys.length; i++) {
            if ((values[i] == null) == (deep[i] == null)) {
                throw new IllegalArgumentException("key '" + keys[i] + "' needs exactly one of a value and a deep value");
            }
        }
        if (endSequence < sequence || endTimestampMicros < timestampMicros) {
            throw new IllegalArgumentException("snapshot ends (" + endSequence + " at " + endTimestampMicros
                    + " µs) before it starts (" + sequence + " at " + timestampMicros + " µs)");
        }
    }

    /** Keys and values only (no options, no entanglements, no expiries), ending at {@code endSequence}. */
    public Snapshot(long sequence, long timestampMicros, long endSequence, long endTimestampMicros, String[] keys,
                    byte[][] values) {
        this(sequence, timestampMicros, endSequence, endTimestampMicros, keys, values, new DeepValue[keys.length],
                Map.of(), Map.of(), null, Map.of());
    }

    /** The keys and values exactly at {@code sequence}: no entry after it is in it. */
    public Snapshot(long sequence, long timestampMicros, String[] keys, byte[][] values) {
        this(sequence, timestampMicros, sequence, timestampMicros, keys, values);
    }

    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(EntryVisitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (deep[i] == null) {
                visitor.value(keys[i], values[i]);
            } else {
                visitor.deep(keys[i], deep[i]);
            }
        }
    }

    /** Whether any value is in the deep tier (reading them needs the data directory's deep log). */
    public boolean hasDeepValues() {
        for (DeepValue d : deep) {
            if (d != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEachKeyOptions(BiConsumer<String, Byte> visitor) {
        keyOptions.forEach(visitor);
    }

    @Override
    public void forEachExpiry(BiConsumer<String, Long> visitor) {
        expiries.forEach(visitor);
    }

    @Override
    public void forEachEntanglement(BiConsumer<String, Map<String, Float>> visitor) {
        entanglements.forEach(visitor);
    }
}
