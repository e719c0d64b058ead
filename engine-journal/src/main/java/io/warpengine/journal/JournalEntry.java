package io.warpengine.journal;

import java.util.Arrays;

/**
 * One decoded write-ahead log entry. Every entry carries its engine sequence (dense, starting at 1) and the
 * wall-clock time of its append in microseconds since the epoch; the rest depends on its shape.
 */
public sealed interface JournalEntry permits JournalEntry.Put, JournalEntry.Delete {

    long sequence();

    long timestampMicros();

    /** The key the entry writes, as stored (UTF-8 decoded). */
    String key();

    /** A key set to a value. */
    record Put(long sequence, long timestampMicros, String key, byte[] value) implements JournalEntry {
        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && p.sequence == sequence && p.timestampMicros == timestampMicros
                    && p.key.equals(key) && Arrays.equals(p.value, value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence) * 31 + key.hashCode();
        }

        @Override
        public String toString() {
            return "Put[seq=" + sequence + ", ts=" + timestampMicros + ", key=" + key + ", value=" + value.length + " bytes]";
        }
    }

    /** A key removed. */
    record Delete(long sequence, long timestampMicros, String key) implements JournalEntry {
    }
}
