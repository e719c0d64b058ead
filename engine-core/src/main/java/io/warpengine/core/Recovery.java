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
     * @param lastMicros       wall-clock time of that entry (of the snapshot when no entry was replayed; 0: neither)
     * @param replay           what the journal replay saw; a damaged tail it found must be cut
     *                         ({@link CommandLog#cutDamagedTail}) before anything is appended
     */
    public record Recovered(ShardSet shards, Path snapshotFile, long snapshotSequence, long lastSequence,
                            long lastMicros, JournalReader.ReplayResult replay, Duration duration) {
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
        // Replay into one plain map, and hand each key to its writer's store by the final routing table at the
        // end: single-threaded and before any reader exists, so it needs no concurrency, and a UnifiedMap
        // overwrites several times faster than the concurrent map (whose entries are immutable). The snapshot's
        // entries stream into it (a snapshot may be larger than memory).
        Staging staged = new Staging(factory);
        SnapshotStore.Loading loading = snapshots.loadNewest(maxSequence, maxMicros, new SnapshotSource.EntryVisitor() {
            @Override
            public void value(String key, byte[] stored) {
                staged.put(key, stored);
            }

            @Override
            public void deep(String key, DeepValue deep) {
                staged.put(key, factory.load(key, deep));
            }
        });
        Optional<SnapshotStore.Loaded> loaded = loading.loaded();
        long fromSequence = 1;
        long[] lastMicros = {0};
        Path snapshotFile = null;
        Entanglements entanglements = new Entanglements();
        Map<String, Byte> options = new HashMap<>();
        KeyExpiries expiries = new KeyExpiries();
        if (loaded.isPresent()) {
            Snapshot snapshot = loaded.get().snapshot();
            snapshot.entanglements().forEach((primary, related) -> related.forEach(
                    (key, strength) -> entanglements.entangle(primary, List.of(key), strength)));
            routing.pin(Gravity.changes(entanglements.relatedKeys(), entanglements, routing));
            Snapshot.Placement placement = snapshot.placement();
            if (placement != null && routing.sameShape(placement.logicalShards(), placement.writers())) {
                routing.load(placement.owners());
            }
            options.putAll(snapshot.keyOptions());
            expiries.loadAll(snapshot.expiries());
            snapshotFile = loaded.get().file();
            fromSequence = snapshot.sequence() + 1;
            lastMicros[0] = snapshot.timestampMicros();
            LOG.info("Loaded snapshot {} ({} keys) in {} ms", snapshotFile, staged.size(),
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
        // What each entry does to the staged state: values, options and expiries by the rules every replay follows
        // (KeyReplay); entanglements and placements here, as the writer role keeps them.
        KeyReplay.Keys stagedKeys = new KeyReplay.Keys() {
            @Override
            public boolean contains(String key) {
                return staged.contains(key);
            }

            @Override
            public void put(JournalEntry.Put put) {
                staged.put(put.key(), StoredValue.of(put.value(), put.sequence(), put.timestampMicros()));
                if (put.options() != 0) {
                    options.put(put.key(), put.options());
                } else {
                    options.remove(put.key());
                }
            }

            @Override
            public void remove(String key) {
                staged.remove(key);
                options.remove(key);
            }
        };
        KeyReplay replayer = new KeyReplay(stagedKeys, expiries) {
            @Override
            public Void entangle(JournalEntry.Entangle e) {
                entanglements.entangle(e.primary(), e.related(), e.strength());
                gravitate(e.related());
                return null;
            }

            /** As the writer does ({@link ShardSet#entangle}); the values go to their stores by the final table. */
            private void gravitate(List<String> keys) {
                routing.pin(Gravity.changes(keys, entanglements, routing));
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
                    lastMicros[0] = entry.timestampMicros();
                    progress.tick(entry.sequence());
                });
        ShardStore[] stores = staged.intoStores(routing, factory);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long lastSequence = Math.max(result.lastSequence(), fromSequence - 1);
        refuseLostSnapshot(loading.damaged(), lastSequence, maxSequence, maxMicros);
        if (result.entriesApplied() > 0 || snapshotFile != null) {
            LOG.info("Recovered to sequence {} ({} journal entries replayed) in {} ms", lastSequence,
                    result.entriesApplied(), took.toMillis());
        }
        KeyOptions keyOptions = new KeyOptions();
        keyOptions.loadAll(options);
        return new Recovered(new ShardSet(routing, stores, entanglements, keyOptions, expiries), snapshotFile,
                fromSequence - 1, lastSequence, lastMicros[0], result, took);
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
     * The values being rebuilt: a stored value or a deep value per key. When the stored values staged exceed what
     * the factory allows in memory, some are spilled to the deep tier until half that is left, so a journal longer
     * than memory replays within the bound and the engine opens with values in memory.
     */
    private static final class Staging {
        /** Values spilled in one write. */
        private static final int SPILL_BATCH = 64;
        private final UnifiedMap<String, Object> values = new UnifiedMap<>();
        private final StoreFactory factory;
        private long bytes;

        Staging(StoreFactory factory) {
            this.factory = factory;
        }

        void put(String key, Object held) {
            Object old = values.put(key, held);
            bytes += memoryBytes(held) - memoryBytes(old);
            if (bytes > factory.stagingBytes()) {
                spill();
            }
        }

        void remove(String key) {
            bytes -= memoryBytes(values.remove(key));
        }

        int size() {
            return values.size();
        }

        boolean contains(String key) {
            return values.containsKey(key);
        }

        /** Each key into the store of its logical shard's owner by {@code routing}; the staging is emptied. */
        ShardStore[] intoStores(RoutingTable routing, StoreFactory factory) {
            int[] perWriter = new int[routing.writers()];
            values.forEachKey(key -> perWriter[routing.shardOf(key)]++);
            ShardStore[] stores = new ShardStore[perWriter.length];
            for (int w = 0; w < stores.length; w++) {
                stores[w] = factory.newStore(Math.max(1024, perWriter[w]));
            }
            values.forEachKeyValue((key, held) -> stores[routing.shardOf(key)].load(key, held));
            values.clear();
            return stores;
        }

        /** Spills stored values, in batches of one write each, until half the allowance is left. */
        private void spill() {
            long target = factory.stagingBytes() / 2;
            String[] keys = new String[SPILL_BATCH];
            byte[][] stored = new byte[SPILL_BATCH][];
            int[] batched = {0};
            values.forEachKeyValue((key, held) -> {
                if (bytes > target && held instanceof byte[] value) {
                    keys[batched[0]] = key;
                    stored[batched[0]++] = value;
                    bytes -= value.length;
                    if (batched[0] == SPILL_BATCH) {
                        replace(keys, stored, batched[0]);
                        batched[0] = 0;
                    }
                }
            });
            replace(keys, stored, batched[0]);
        }

        /** Writes the batch to the deep tier and stages its locations (replacing values: no rehash mid-iteration). */
        private void replace(String[] keys, byte[][] stored, int count) {
            if (count == 0) {
                return;
            }
            DeepValue[] spilled = factory.spill(keys, stored, count);
            for (int i = 0; i < count; i++) {
                values.put(keys[i], spilled[i]);
            }
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
