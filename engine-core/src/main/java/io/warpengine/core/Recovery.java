package io.warpengine.core;

import io.warpengine.RecoveryReport;
import io.warpengine.RecoveryTarget;
import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
     * The rebuilt shards, the report, and the Chronicle index of a damaged journal tail that replay cut off
     * (-1 when none): the caller must cut it physically ({@link io.warpengine.journal.TailCutter}) before appending.
     */
    public record Recovered(ShardState[] shards, RecoveryReport report, long damagedTailIndex) {
    }

    /** Builds the shards' state as of {@code target}. */
    public static Recovered recover(SnapshotStore snapshots, Journal journal, ShardRouter router, RecoveryTarget target) {
        long start = System.nanoTime();
        Optional<SnapshotStore.Loaded> loaded = snapshots.loadNewestValid(target.maxSequence(), target.maxTimestampMicros());
        int expectedPerShard = loaded.map(l -> l.snapshot().size() / router.shards() + 16).orElse(1024);
        // Replay into plain maps, one per shard: single-threaded and before any reader exists, so they need no
        // concurrency, and a UnifiedMap overwrites several times faster than the concurrent map (whose entries
        // are immutable). The shards take them in one pass at the end.
        List<UnifiedMap<String, byte[]>> staged = new ArrayList<>(router.shards());
        for (int i = 0; i < router.shards(); i++) {
            staged.add(new UnifiedMap<>(expectedPerShard));
        }
        long fromSequence = 1;
        Path snapshotFile = null;
        if (loaded.isPresent()) {
            Snapshot snapshot = loaded.get().snapshot();
            for (int i = 0; i < snapshot.size(); i++) {
                String key = snapshot.keys()[i];
                staged.get(router.shardOf(key)).put(key, snapshot.values()[i]);
            }
            snapshotFile = loaded.get().file();
            fromSequence = snapshot.sequence() + 1;
            LOG.info("Loaded snapshot {} ({} keys) in {} ms", snapshotFile, snapshot.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        try (JournalReader reader = journal.reader()) {
            long first = reader.firstSequence();
            if (first > fromSequence) {
                throw new IllegalStateException("cannot rebuild the state " + (snapshotFile == null
                        ? "from the journal alone" : "after snapshot " + snapshotFile) + ": the journal starts at sequence "
                        + first + " but entries from " + fromSequence + " are needed"
                        + (snapshots.files().isEmpty() ? "." : "; no newer snapshot verifies among " + snapshots.files())
                        + ". Older journal files were deleted because snapshots covered them: restore a good snapshot"
                        + " into the snapshots directory, or the missing journal files, and open again.");
            }
            long expectedLast = reader.lastSequence();
            Progress progress = new Progress(expectedLast, start);
            JournalReader.ReplayResult result = reader.replay(fromSequence,
                    entry -> entry.sequence() > target.maxSequence() || entry.timestampMicros() > target.maxTimestampMicros(),
                    entry -> {
                Map<String, byte[]> shard = staged.get(router.shardOf(entry.key()));
                if (entry instanceof JournalEntry.Put put) {
                    shard.put(put.key(), put.value());
                } else {
                    shard.remove(entry.key());
                }
                progress.tick(entry.sequence());
            });
            ShardState[] shards = new ShardState[router.shards()];
            for (int i = 0; i < shards.length; i++) {
                shards[i] = new ShardState(Math.max(1024, staged.get(i).size()));
                shards[i].loadAll(staged.get(i));
                staged.set(i, null);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long lastSequence = Math.max(result.lastSequence(), fromSequence - 1);
            if (result.entriesApplied() > 0 || snapshotFile != null) {
                LOG.info("Recovered to sequence {} ({} journal entries replayed) in {} ms", lastSequence,
                        result.entriesApplied(), took.toMillis());
            }
            return new Recovered(shards, new RecoveryReport(snapshotFile, fromSequence - 1, result.entriesApplied(),
                    lastSequence, result.tornEntriesSkipped(), took), result.damagedTailIndex());
        }
    }

    private static final class Progress {
        private final long expectedLast;
        private long nextReport;
        private int countdown = 65_536;

        Progress(long expectedLast, long start) {
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
