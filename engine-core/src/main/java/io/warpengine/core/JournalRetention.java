package io.warpengine.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Deletes what the command log holds only for entries that every kept snapshot covers, so that a fallback to
 * any kept snapshot still has its log. Runs on the snapshot writer's thread after each snapshot.
 */
public final class JournalRetention {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);

    private final CommandLog log;
    private final boolean enabled;

    public JournalRetention(CommandLog log, boolean enabled) {
        this.log = log;
        this.enabled = enabled;
    }

    /** After a snapshot: {@code oldestSnapshotSequence} is the sequence of the oldest snapshot kept (0: none). */
    public void afterSnapshot(long oldestSnapshotSequence) {
        if (enabled && oldestSnapshotSequence > 0) {
            List<Path> deleted = log.deleteCoveredUpTo(oldestSnapshotSequence);
            if (!deleted.isEmpty()) {
                LOG.info("Journal retention: deleted {} (covered by the snapshot at sequence {})", deleted,
                        oldestSnapshotSequence);
            }
        }
    }
}
