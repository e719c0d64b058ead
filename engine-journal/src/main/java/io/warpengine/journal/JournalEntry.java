package io.warpengine.journal;

import java.util.Arrays;
import java.util.List;

/**
 * One decoded write-ahead log entry. Every entry carries its engine sequence (dense, starting at 1) and the
 * wall-clock time of its append in microseconds since the epoch; the rest depends on its shape.
 *
 * <p>Code that must handle every shape dispatches through {@link #accept(Visitor)}: a new shape adds a method to
 * {@link Visitor}, so every such place stops compiling until it handles it.
 */
public sealed interface JournalEntry permits JournalEntry.KeyWrite, JournalEntry.Batch, JournalEntry.Entangle,
        JournalEntry.Disentangle, JournalEntry.Place, JournalEntry.Reap {

    /** Calls the {@code visitor} method for this entry's shape. */
    <R> R accept(Visitor<R> visitor);

    /** One method per entry shape. */
    interface Visitor<R> {

        R put(Put put);

        R delete(Delete delete);

        R batch(Batch batch);

        R entangle(Entangle entangle);

        R disentangle(Disentangle disentangle);

        R place(Place place);

        R expire(Expire expire);

        R reap(Reap reap);
    }

    /** The entry's shape, as the entry format stores it. */
    EntryType type();

    long sequence();

    long timestampMicros();

    /** Every key the entry concerns: the keys it writes, or an entanglement's primary and related keys. */
    default List<String> keys() {
        return writes().stream().map(KeyWrite::key).toList();
    }

    /** The changes of single keys' values the entry makes, in order: itself, a batch's members, or none. */
    List<KeyWrite> writes();


    /** An entry that changes one key: an entry of its own, or a member of a batch (with the batch's sequence and time). */
    sealed interface KeyWrite extends JournalEntry permits Put, Delete, Expire {

        /** The key written, as stored (UTF-8 decoded). */
        String key();

        @Override
        default List<KeyWrite> writes() {
            return List.of(this);
        }
    }

    /**
     * A key set to a value.
     *
     * @param options         the key's put options as the engine encodes them; 0 for the defaults
     * @param expiresAtMillis when the key expires, ms since the epoch; 0 for never (every put sets it: a put without
     *                        one removes the key's expiry)
     */
    record Put(long sequence, long timestampMicros, String key, byte[] value, byte options, long expiresAtMillis)
            implements KeyWrite {

        public Put {
            if (expiresAtMillis < 0) {
                throw new IllegalArgumentException("expiry time " + expiresAtMillis + " of key '" + key + "' is negative");
            }
        }

        /** A PUT with the default options and no expiry. */
        public Put(long sequence, long timestampMicros, String key, byte[] value) {
            this(sequence, timestampMicros, key, value, (byte) 0, 0);
        }

        /** A PUT with {@code options} and no expiry. */
        public Put(long sequence, long timestampMicros, String key, byte[] value, byte options) {
            this(sequence, timestampMicros, key, value, options, 0);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.put(this);
        }

        @Override
        public EntryType type() {
            return expiresAtMillis != 0 ? EntryType.PUT_WITH_EXPIRY
                    : options == 0 ? EntryType.PUT : EntryType.PUT_WITH_OPTIONS;
        }


        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && p.sequence == sequence && p.timestampMicros == timestampMicros
                    && p.key.equals(key) && Arrays.equals(p.value, value) && p.options == options
                    && p.expiresAtMillis == expiresAtMillis;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sequence) * 31 + key.hashCode();
        }

        @Override
        public String toString() {
            return "Put[seq=" + sequence + ", ts=" + timestampMicros + ", key=" + key + ", value=" + value.length + " bytes"
                    + (options == 0 ? "" : ", options=" + options)
                    + (expiresAtMillis == 0 ? "" : ", expiresAt=" + expiresAtMillis) + "]";
        }
    }

    /**
     * A key's expiry time set ({@code expiresAtMillis}, ms since the epoch) or removed (0). It changes a key that
     * exists and has not expired as of the entry's time; on any other key it does nothing.
     */
    record Expire(long sequence, long timestampMicros, String key, long expiresAtMillis) implements KeyWrite {
        public Expire {
            if (expiresAtMillis < 0) {
                throw new IllegalArgumentException("expiry time " + expiresAtMillis + " of key '" + key + "' is negative");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expire(this);
        }

        @Override
        public EntryType type() {
            return EntryType.EXPIRE;
        }
    }

    /** A key removed. */
    record Delete(long sequence, long timestampMicros, String key) implements KeyWrite {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.delete(this);
        }

        @Override
        public EntryType type() {
            return EntryType.DELETE;
        }

    }

    /**
     * Several key changes committed as one entry: replay applies all of them or, when the entry is torn or
     * damaged, none. Members carry the batch's sequence and time; a key may appear more than once (the last
     * change wins).
     */
    record Batch(long sequence, long timestampMicros, List<KeyWrite> writes) implements JournalEntry {

        public Batch {
            writes = List.copyOf(writes);
            for (KeyWrite w : writes) {
                if (w.sequence() != sequence || w.timestampMicros() != timestampMicros) {
                    throw new IllegalArgumentException("batch member " + w + " is not at the batch's sequence " + sequence);
                }
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batch(this);
        }

        @Override
        public EntryType type() {
            return EntryType.BATCH;
        }

    }

    /**
     * {@code primary} entangled with each of {@code related} at {@code strength}: a relation between keys, not a
     * change of any value (a pair entangled again takes the new strength).
     */
    record Entangle(long sequence, long timestampMicros, String primary, List<String> related, float strength)
            implements JournalEntry {
        public Entangle {
            related = List.copyOf(related);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.entangle(this);
        }

        @Override
        public EntryType type() {
            return EntryType.ENTANGLE;
        }

        @Override
        public List<String> keys() {
            return concat(primary, related);
        }

        @Override
        public List<KeyWrite> writes() {
            return List.of();
        }

    }

    /** The entanglements of {@code primary} with each of {@code related} removed (pairs not entangled are ignored). */
    record Disentangle(long sequence, long timestampMicros, String primary, List<String> related)
            implements JournalEntry {
        public Disentangle {
            related = List.copyOf(related);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.disentangle(this);
        }

        @Override
        public EntryType type() {
            return EntryType.DISENTANGLE;
        }

        @Override
        public List<String> keys() {
            return concat(primary, related);
        }

        @Override
        public List<KeyWrite> writes() {
            return List.of();
        }

    }

    /**
     * Logical shard {@code logicalShard} given to writer {@code writer}, in a routing table of {@code logicalShards}
     * over {@code writers} (a table of another shape ignores it): where keys live, not what they hold.
     */
    record Place(long sequence, long timestampMicros, int logicalShards, int writers, int logicalShard, int writer)
            implements JournalEntry {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.place(this);
        }

        @Override
        public EntryType type() {
            return EntryType.PLACE;
        }

        @Override
        public List<KeyWrite> writes() {
            return List.of();
        }

    }

    /**
     * Expired keys reclaimed: each of {@code keys} whose expiry time is at or before the entry's own time
     * ({@link #atMillis()}) is deleted (one written again since, without an expiry or with a later one, stays).
     * Judged at the entry's time, not at a time of its own: no later entry is older, so a replay that meets an expiry
     * set by a later entry (a fuzzy snapshot's) deletes only a key that is expired by then anyway.
     */
    record Reap(long sequence, long timestampMicros, List<String> keys) implements JournalEntry {
        public Reap {
            keys = List.copyOf(keys);
        }

        /** The time the keys' expiry is judged at: the entry's, in ms since the epoch. */
        public long atMillis() {
            return timestampMicros / 1000;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reap(this);
        }

        @Override
        public EntryType type() {
            return EntryType.REAP;
        }

        @Override
        public List<KeyWrite> writes() {
            return List.of();
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
