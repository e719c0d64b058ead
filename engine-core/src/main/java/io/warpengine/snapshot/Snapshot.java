package io.warpengine.snapshot;

/**
 * The whole state at one engine sequence: parallel arrays of keys and values (the arrays are shared, never
 * copied: nobody mutates a stored value).
 *
 * @param sequence        every journal entry up to this sequence is in the state, none after it
 * @param timestampMicros wall-clock time of the cut
 */
public record Snapshot(long sequence, long timestampMicros, String[] keys, byte[][] values) {

    public Snapshot {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
    }

    public int size() {
        return keys.length;
    }
}
