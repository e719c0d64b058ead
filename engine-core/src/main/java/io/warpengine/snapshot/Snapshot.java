package io.warpengine.snapshot;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A snapshot read from a file (or built in memory): parallel arrays of keys and stored values
 * ({@link io.warpengine.store.StoredValue}: each value with the sequence and time of its write; the arrays are
 * shared, never copied: nobody mutates a stored value).
 *
 * @param sequence           every journal entry up to this sequence is in the state: recovery replays from the next
 * @param timestampMicros    wall-clock time of that entry
 * @param endSequence        no entry after this sequence is in the state; equal to {@code sequence} for a cut taken
 *                           with the writers stopped, higher for a fuzzy one (taken while writes went on)
 * @param endTimestampMicros wall-clock time of the entry at {@code endSequence}
 * @param keyOptions         the put-options code of each key that has options other than the defaults
 * @param entanglements      the declared entanglements: primary, then each related key and its strength
 * @param placement          the routing table's owners, or null (a snapshot older than routing tables)
 */
public record Snapshot(long sequence, long timestampMicros, long endSequence, long endTimestampMicros,
                       String[] keys, byte[][] values, Map<String, Byte> keyOptions,
                       Map<String, Map<String, Float>> entanglements, Placement placement) implements SnapshotSource {

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
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
        if (endSequence < sequence || endTimestampMicros < timestampMicros) {
            throw new IllegalArgumentException("snapshot ends (" + endSequence + " at " + endTimestampMicros
                    + " µs) before it starts (" + sequence + " at " + timestampMicros + " µs)");
        }
    }

    /** Keys and values only (no options, no entanglements), ending at {@code endSequence}. */
    public Snapshot(long sequence, long timestampMicros, long endSequence, long endTimestampMicros, String[] keys,
                    byte[][] values) {
        this(sequence, timestampMicros, endSequence, endTimestampMicros, keys, values, Map.of(), Map.of(), null);
    }

    /** The keys and values exactly at {@code sequence}: no entry after it is in it. */
    public Snapshot(long sequence, long timestampMicros, String[] keys, byte[][] values) {
        this(sequence, timestampMicros, sequence, timestampMicros, keys, values);
    }

    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<String, byte[]> visitor) {
        for (int i = 0; i < keys.length; i++) {
            visitor.accept(keys[i], values[i]);
        }
    }

    @Override
    public void forEachKeyOptions(BiConsumer<String, Byte> visitor) {
        keyOptions.forEach(visitor);
    }

    @Override
    public void forEachEntanglement(BiConsumer<String, Map<String, Float>> visitor) {
        entanglements.forEach(visitor);
    }
}
