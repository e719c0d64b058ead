package io.warpengine.core;

import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A fuzzy checkpoint: the live stores, iterated by the snapshot thread while the writer role goes on writing.
 *
 * <p>Why it recovers exactly. Let S be the applied sequence read before the iteration starts: every entry up to S
 * is applied (the role publishes S only after applying it). The stores' iteration is weakly consistent: it visits
 * every key present throughout the iteration exactly once, with a value it held at some moment during it, and may
 * or may not see keys added or removed meanwhile. Recovery loads the file and replays every entry after S, in
 * order. Take any key K. If no entry after S touches K, no write changed K during the iteration, so the file holds
 * K exactly as at S, and nothing replayed changes it. If entries after S touch K, the last of them decides K's
 * final state, because every journal entry is absolute (a put sets the value, a delete removes the key: neither
 * depends on what was there), and the replay applies it last whatever the file held for K. So the recovered
 * state equals a replay of the whole journal. Stored values are never mutated, so a value the iteration reads is
 * whole. E, the newest journaled sequence read after the iteration, bounds what the file may hold: a
 * point-in-time view before E cannot start from this snapshot and falls back to an older one.
 */
final class FuzzyCut implements SnapshotSource {

    private final Pipeline pipeline;
    private final ShardSet shards;
    private final long sequence;
    private final long timestampMicros;
    private long endSequence = -1;
    private long endTimestampMicros;

    FuzzyCut(Pipeline pipeline, ShardSet shards) {
        this.pipeline = pipeline;
        this.shards = shards;
        this.sequence = pipeline.appliedSequence();
        this.timestampMicros = pipeline.appliedTimestampMicros();
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public long timestampMicros() {
        return timestampMicros;
    }

    /**
     * Visits each store, then the keys that moved between stores meanwhile (placeShard), each with the value it
     * moved with: a key moving into a store already visited and out of one not yet visited is in no store's
     * visit. A key may so be visited twice, with values held at two moments after S; either recovers, by the
     * argument above, and the later one is loaded. A value in the deep tier is written as its location, which the
     * store makes durable before its visit returns: a demotion is a change of form, not of value, so the argument
     * holds for it too.
     */
    @Override
    public void forEach(EntryVisitor visitor) {
        ShardSet.MoveWatch moves = shards.watchMoves(); // after S: so it records values held after S
        Map<String, byte[]> moved;
        try {
            for (int s = 0; s < shards.count(); s++) {
                shards.store(s).forEachHeld(visitor);
            }
        } finally {
            moved = shards.endWatch(moves);
        }
        moved.forEach(visitor::value);
    }

    /** Options, like values, are absolute per key (a put sets them, a delete clears them): replay converges. */
    @Override
    public void forEachKeyOptions(BiConsumer<String, Byte> visitor) {
        shards.keyOptions().forEach(visitor);
    }

    /**
     * Read first, before the values. A put sets a key's expiry and a delete clears it, absolutely; a REAP deletes a key
     * only if its expiry has passed, and an EXPIRE changes one only if the key exists and has not expired. Read
     * before the values, an expiry is never newer than the value beside it: a reap the replay meets after a value
     * the cut read from before that reap finds the expiry it found live (read after the values, the expiry could be
     * gone and the reaped key would come back). Replay converges.
     */
    @Override
    public void forEachExpiry(BiConsumer<String, Long> visitor) {
        shards.expiries().forEach(visitor);
    }

    /** Each entanglement entry sets or removes pairs, absolute per pair: replay converges. */
    @Override
    public void forEachEntanglement(BiConsumer<String, Map<String, Float>> visitor) {
        shards.entanglements().forEach((primary, links) -> {
            Map<String, Float> related = new LinkedHashMap<>();
            for (Entanglements.Link link : links) {
                related.put(link.key(), link.strength());
            }
            visitor.accept(primary, related);
        });
    }

    /** One table, read at once; each PLACE entry sets one owner, absolute: replay converges. Read last. */
    @Override
    public Snapshot.Placement placement() {
        RoutingTable routing = shards.routing();
        Snapshot.Placement placement = new Snapshot.Placement(routing.logicalShards(), routing.writers(),
                routing.owners());
        endSequence = pipeline.lastSequence(); // read before its timestamp: the timestamp is at least its entry's
        endTimestampMicros = Math.max(timestampMicros, pipeline.lastTimestampMicros());
        return placement;
    }

    @Override
    public long endSequence() {
        if (endSequence < 0) {
            throw new IllegalStateException("the end of a fuzzy cut is known only after its iteration");
        }
        return endSequence;
    }

    @Override
    public long endTimestampMicros() {
        endSequence();
        return endTimestampMicros;
    }
}
