package io.warpengine.core;

import io.warpengine.RecoveryReport;
import io.warpengine.journal.Journal;
import io.warpengine.journal.JournalEntry;
import io.warpengine.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Rebuilds the shards from the journal before the pipeline starts, on the opening thread (the handler threads
 * start afterwards, so they see everything written here). Logs progress every few seconds on long replays.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private Recovery() {
    }

    public static RecoveryReport replay(Journal journal, ShardState[] shards, ShardRouter router) {
        long start = System.nanoTime();
        try (JournalReader reader = journal.reader()) {
            long expectedLast = reader.lastSequence();
            Progress progress = new Progress(expectedLast, start);
            JournalReader.ReplayResult result = reader.replay(1, entry -> {
                ShardState shard = shards[router.shardOf(entry.key())];
                if (entry instanceof JournalEntry.Put put) {
                    shard.put(put.key(), put.value());
                } else {
                    shard.remove(entry.key());
                }
                progress.tick(entry.sequence());
            });
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (result.entriesApplied() > 0) {
                LOG.info("Recovered {} journal entries up to sequence {} in {} ms", result.entriesApplied(),
                        result.lastSequence(), took.toMillis());
            }
            return new RecoveryReport(result.entriesApplied(), result.lastSequence(), result.tornEntriesSkipped(), took);
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
