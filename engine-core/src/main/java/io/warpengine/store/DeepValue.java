package io.warpengine.store;

/**
 * A value held in the deep tier instead of memory: where its record lies in the data directory's deep log, and
 * the length of the stored value ({@link StoredValue}) the record holds. Two equal instances name one record.
 *
 * @param location     the record's segment and offset ({@code io.warpengine.tier.DeepLog}); never 0
 * @param storedLength bytes of the stored value, its trailer included
 */
public record DeepValue(long location, int storedLength) {
    public DeepValue {
        if (location == 0 || storedLength < StoredValue.TRAILER) {
            throw new IllegalArgumentException("no deep value at location " + location + " of " + storedLength
                    + " bytes");
        }
    }
}
