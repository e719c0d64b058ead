package io.warpengine.snapshot;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A snapshot read from a file (or built in memory): parallel arrays of keys and values (the arrays are shared,
 * never copied: nobody mutates a stored value).
 *
 * @param sequence           every journal entry up to this sequence is in the state: recovery replays from the next
 * @param timestampMicros    wall-clock time of that entry
 * @param endSequence        no entry after this sequence is in the state; equal to {@code sequence} for a cut taken
 *                           with the writers stopped, higher for a fuzzy one (taken while writes went on)
 * @param endTimestampMicros wall-clock time of the entry at {@code endSequence}
 * @param keyOptions         the put-options code of each key that has options other than the defaults
 * @param entanglements      the declared entanglements: primary, then each related key and its strength
 */
public record Snapshot(long sequence, long timestampMicros, long endSequence, long endTimestampMicros,
                       String[] keys, byte[][] values, Map<String, Byte> keyOptions,
                       Map<String, Map<String, Float>> entanglements) implements SnapshotSource {

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
        this(sequence, timestampMicros, endSequence, endTimestampMicros, keys, values, Map.of(), Map.of());
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
