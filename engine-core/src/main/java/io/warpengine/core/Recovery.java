package io.warpengine.core;

import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotSource;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the shards before the pipeline starts, on the opening thread (the handler threads start afterwards,
 * so they see everything written here): the newest snapshot that verifies and is not past the target, then the
 * journal after it up to the target. Logs progress every few seconds on long replays.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private Recovery() {
    }

    /**
     * The rebuilt shards and what it took.
     *
     * @param snapshotFile     the snapshot loaded, or null
     * @param snapshotSequence its sequence (0 when none)
     * @param lastSequence     sequence of the last entry applied: the next command gets the one after it
     * @param replay           what the journal replay saw; a damaged tail it found must be cut
     *                         ({@link CommandLog#cutDamagedTail}) before anything is appended
     */
    public record Recovered(ShardSet shards, Path snapshotFile, long snapshotSequence, long lastSequence,
                            JournalReader.ReplayResult replay, Duration duration) {
    }

    /**
     * Builds the state, over {@code writers} shard stores and a routing table of {@code logicalShards}, after the
     * last entry at or before {@code maxSequence} and {@code maxMicros} (µs since the epoch); {@code Long.MAX_VALUE}
     * for both recovers everything. A placement recorded for a table of another shape (the settings changed) does
     * not apply: the table starts from the default spread. The stores come from {@code factory}, and so does the
     * bound on the values staged in memory.
     */
    public static Recovered recover(SnapshotStore snapshots, CommandLog log, int logicalShards, int writers,
                                    long maxSequence, long maxMicros, StoreFactory factory) {
        long start = System.nanoTime();
        RoutingTable routing = new RoutingTable(logicalShards, writers);
        SnapshotStore.Loading loading = snapshots.loadNewest(maxSequence, maxMicros);
        Optional<SnapshotStore.Loaded> loaded = loading.loaded();
        int expectedPerShard = loaded.map(l -> l.snapshot().size() / logicalShards + 16).orElse(16);
        // Replay into plain maps, one per logical shard (placement may change during the replay; the writers take
        // their logical shards at the end): single-threaded and before any reader exists, so they need no
        // concurrency, and a UnifiedMap overwrites several times faster than the concurrent map (whose entries
        // are immutable).
        Staging staged = new Staging(logicalShards, expectedPerShard, factory);
        long fromSequence = 1;
        Path snapshotFile = null;
        Entanglements entanglements = new Entanglements();
        Map<String, Byte> options = new HashMap<>();
        if (loaded.isPresent()) {
            Snapshot snapshot = loaded.get().snapshot();
            // Entanglements first: they decide where gravity places keys, before the keys are staged
            snapshot.entanglements().forEach((primary, related) -> related.forEach(
                    (key, strength) -> entanglements.entangle(primary, List.of(key), strength)));
            routing.pin(Gravity.changes(entanglements.relatedKeys(), entanglements, routing));
            snapshot.forEach(new SnapshotSource.EntryVisitor() {
                @Override
                public void value(String key, byte[] stored) {
                    staged.put(routing.logicalShardOf(key), key, stored);
                }

                @Override
                public void deep(String key, DeepValue deep) {
                    staged.put(routing.logicalShardOf(key), key, factory.load(key, deep));
                }
            });
            Snapshot.Placement placement = snapshot.placement();
            if (placement != null && routing.sameShape(placement.logicalShards(), placement.writers())) {
                routing.load(placement.owners());
            }
            options.putAll(snapshot.keyOptions());
            snapshotFile = loaded.get().file();
            fromSequence = snapshot.sequence() + 1;
            LOG.info("Loaded snapshot {} ({} keys) in {} ms", snapshotFile, snapshot.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        long first = log.firstSequence();
        if (first > fromSequence) {
            throw new IllegalStateException("cannot rebuild the state " + (snapshotFile == null
                    ? "from the journal alone" : "after snapshot " + snapshotFile) + ": the journal starts at sequence "
                    + first + " but entries from " + fromSequence + " are needed"
                    + (snapshots.files().isEmpty() ? "." : "; no newer snapshot verifies among " + snapshots.files())
                    + ". Older journal files were deleted because snapshots covered them: restore a good snapshot"
                    + " into the snapshots directory, or the missing journal files, and open again.");
        }
        // What each entry does to the staged state: values on their shards, options, entanglements.
        JournalEntry.Visitor<Void> replayer = new JournalEntry.Visitor<>() {
            @Override
            public Void put(JournalEntry.Put put) {
                staged.put(routing.logicalShardOf(put.key()), put.key(),
                        StoredValue.of(put.value(), put.sequence(), put.timestampMicros()));
                if (put.options() != 0) {
                    options.put(put.key(), put.options());
                } else {
                    options.remove(put.key());
                }
                return null;
            }

            @Override
            public Void delete(JournalEntry.Delete delete) {
                staged.remove(routing.logicalShardOf(delete.key()), delete.key());
                options.remove(delete.key());
                return null;
            }

            @Override
            public Void batch(JournalEntry.Batch batch) {
                batch.writes().forEach(write -> write.accept(this)); // a batch's members, on their shards
                return null;
            }

            @Override
            public Void entangle(JournalEntry.Entangle e) {
                entanglements.entangle(e.primary(), e.related(), e.strength());
                gravitate(e.related());
                return null;
            }

            /** As the writer does ({@link ShardSet#entangle}): staged values follow their keys' logical shards. */
            private void gravitate(List<String> keys) {
                Map<String, Integer> pins = Gravity.changes(keys, entanglements, routing);
                pins.forEach((key, to) -> staged.move(key, routing.logicalShardOf(key), to)); // not pinned yet: from
                routing.pin(pins);
            }

            @Override
            public Void place(JournalEntry.Place p) {
                if (routing.sameShape(p.logicalShards(), p.writers())) {
                    routing.place(p.logicalShard(), p.writer());
                }
                return null;
            }

            @Override
            public Void disentangle(JournalEntry.Disentangle d) {
                entanglements.disentangle(d.primary(), d.related());
                gravitate(d.related());
                return null;
            }
        };
        ProgressLog progress = new ProgressLog(log.lastSequence(), start);
        JournalReader.ReplayResult result = log.replay(fromSequence,
                entry -> entry.sequence() > maxSequence || entry.timestampMicros() > maxMicros,
                entry -> {
                    entry.accept(replayer);
                    progress.tick(entry.sequence());
                });
        int[] perWriter = new int[writers];
        for (int l = 0; l < logicalShards; l++) {
            perWriter[routing.ownerOf(l)] += staged.shard(l).size();
        }
        ShardStore[] stores = new ShardStore[writers];
        for (int w = 0; w < writers; w++) {
            stores[w] = factory.newStore(Math.max(1024, perWriter[w]));
        }
        for (int l = 0; l < logicalShards; l++) {
            stores[routing.ownerOf(l)].loadAll(staged.shard(l));
            staged.release(l);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long lastSequence = Math.max(result.lastSequence(), fromSequence - 1);
        refuseLostSnapshot(loading.damaged(), lastSequence, maxSequence, maxMicros);
        if (result.entriesApplied() > 0 || snapshotFile != null) {
            LOG.info("Recovered to sequence {} ({} journal entries replayed) in {} ms", lastSequence,
                    result.entriesApplied(), took.toMillis());
        }
        KeyOptions keyOptions = new KeyOptions();
        keyOptions.loadAll(options);
        return new Recovered(new ShardSet(routing, stores, entanglements, keyOptions), snapshotFile, fromSequence - 1,
                lastSequence, result, took);
    }

    /**
     * A damaged snapshot newer than everything the rebuilt state reaches held writes no readable file holds (the
     * journal before it was deleted, or never existed): opening would silently go back in time. Refused, naming it.
     * Only when the whole history is wanted; a view of an earlier point does not need the newer snapshot.
     */
    private static void refuseLostSnapshot(Map<Path, String> damaged, long lastSequence, long maxSequence,
                                           long maxMicros) {
        if (maxSequence != Long.MAX_VALUE || maxMicros != Long.MAX_VALUE) {
            return;
        }
        for (Map.Entry<Path, String> file : damaged.entrySet()) {
            long sequence = SnapshotStore.sequenceOf(file.getKey());
            if (sequence > lastSequence) {
                throw new IllegalStateException("snapshot " + file.getKey() + " does not verify (" + file.getValue()
                        + ") and nothing else holds its history: the journal and the older snapshots reach only "
                        + "sequence " + lastSequence + " of its " + sequence + ". Restore that file from a backup, "
                        + "or move it out of the snapshots directory to open at sequence " + lastSequence + ".");
            }
        }
    }

    /**
     * The values being rebuilt, one plain map per logical shard: a stored value or a deep value per key. When the
     * stored values staged exceed what the factory allows in memory, all of them are spilled to the deep tier, so
     * a journal longer than memory replays within the bound.
     */
    private static final class Staging {
        private final List<UnifiedMap<String, Object>> shards;
        private final StoreFactory factory;
        private long bytes;

        Staging(int logicalShards, int expectedPerShard, StoreFactory factory) {
            this.factory = factory;
            shards = new ArrayList<>(logicalShards);
            for (int i = 0; i < logicalShards; i++) {
                shards.add(new UnifiedMap<>(expectedPerShard));
            }
        }

        void put(int shard, String key, Object held) {
            Object old = shards.get(shard).put(key, held);
            bytes += memoryBytes(held) - memoryBytes(old);
            if (bytes > factory.stagingBytes()) {
                spill();
            }
        }

        void remove(int shard, String key) {
            bytes -= memoryBytes(shards.get(shard).remove(key));
        }

        void move(String key, int from, int to) {
            Object held = shards.get(from).remove(key);
            if (held != null) {
                shards.get(to).put(key, held);
            }
        }

        UnifiedMap<String, Object> shard(int shard) {
            return shards.get(shard);
        }

        void release(int shard) {
            shards.set(shard, null);
        }

        private void spill() {
            for (UnifiedMap<String, Object> shard : shards) {
                shard.forEachKeyValue((key, held) -> {
                    if (held instanceof byte[] stored) {
                        shard.put(key, factory.spill(key, stored)); // replaces a value: no rehash under iteration
                    }
                });
            }
            bytes = 0;
        }

        private static long memoryBytes(Object held) {
            return held instanceof byte[] stored ? stored.length : 0;
        }
    }

    /** Logs the replay's progress every few seconds: an embedded engine reports through its log, not a terminal. */
    private static final class ProgressLog {
        private final long expectedLast;
        private long nextReport;
        private int countdown = 65_536;

        ProgressLog(long expectedLast, long start) {
            this.expectedLast = expectedLast;
            this.nextReport = start + PROGRESS_EVERY_NANOS;
        }

        void tick(long sequence) {
            if (--countdown > 0) {
                return;
            }
            countdown = 65_536;
            long now = System.nanoTime();
            if (now >= nextReport) {
                nextReport = now + PROGRESS_EVERY_NANOS;
                LOG.info("Replaying journal: sequence {} of {} ({}%)", sequence, expectedLast,
                        expectedLast == 0 ? 100 : sequence * 100 / expectedLast);
            }
        }
    }
}
