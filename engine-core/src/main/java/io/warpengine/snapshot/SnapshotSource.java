package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a snapshot file is written from: the state at a starting sequence, possibly with later writes mixed in
 * (a fuzzy checkpoint iterates the live state while writes go on), and how far those writes may reach.
 */
public interface SnapshotSource {

    /** Every entry up to this sequence is in the state. */
    long sequence();

    /** Wall-clock time of the entry at {@link #sequence()}, µs since the epoch. */
    long timestampMicros();

    /**
     * After {@link #forEachExpiry}: visits every key once (a fuzzy cut may visit a key twice, see FuzzyCut), with its stored value
     * ({@link io.warpengine.store.StoredValue}) or where the deep tier holds it, at some moment after
     * {@link #sequence()}; called once. Every deep location it reports is durable when it returns.
     */
    void forEach(EntryVisitor visitor);

    /** What a snapshot holds for a key: its value in the file, or where the deep tier holds it. */
    interface EntryVisitor {
        /** {@code key} with its stored value. */
        void value(String key, byte[] stored);

        /** {@code key}, whose value is a record of the deep log. */
        void deep(String key, DeepValue deep);
    }

    /** After {@link #forEach}: visits every key with put options other than the defaults, with their code; called once. */
    void forEachKeyOptions(BiConsumer<String, Byte> visitor);

    /**
     * First, before {@link #forEach}: visits every key that has an expiry time, with it (ms since the epoch). Before
     * the values, so that a reap the replay meets finds the expiry of a value the snapshot may hold from before it.
     */
    void forEachExpiry(BiConsumer<String, Long> visitor);

    /** After {@link #forEachKeyOptions}: visits every primary with its related keys and strengths; called once. */
    void forEachEntanglement(BiConsumer<String, Map<String, Float>> visitor);

    /** After {@link #forEachEntanglement}: the routing table's owners, or null for none. */
    Snapshot.Placement placement();

    /** After the visits: no entry after this sequence is in the state. */
    long endSequence();

    /** After {@link #forEach}: wall-clock time of the entry at {@link #endSequence()}. */
    long endTimestampMicros();
}
