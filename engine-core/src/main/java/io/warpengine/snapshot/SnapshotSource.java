package io.warpengine.snapshot;

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
     * Visits every key once (a fuzzy cut may visit a key twice, see FuzzyCut), with its stored value
     * ({@link io.warpengine.store.StoredValue}) at some moment after {@link #sequence()}; called once.
     */
    void forEach(BiConsumer<String, byte[]> visitor);

    /** After {@link #forEach}: visits every key with put options other than the defaults, with their code; called once. */
    void forEachKeyOptions(BiConsumer<String, Byte> visitor);

    /** After {@link #forEachKeyOptions}: visits every primary with its related keys and strengths; called once. */
    void forEachEntanglement(BiConsumer<String, Map<String, Float>> visitor);

    /** After {@link #forEachEntanglement}: the routing table's owners, or null for none. */
    Snapshot.Placement placement();

    /** After the visits: no entry after this sequence is in the state. */
    long endSequence();

    /** After {@link #forEach}: wall-clock time of the entry at {@link #endSequence()}. */
    long endTimestampMicros();
}
