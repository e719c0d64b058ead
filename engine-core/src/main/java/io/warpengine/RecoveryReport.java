package io.warpengine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link WarpEngine#open} did to rebuild the state.
 *
 * @param snapshotFile     the snapshot loaded, or null when the state was rebuilt from the journal alone
 * @param snapshotSequence the sequence of that snapshot (0 when none)
 * @param entriesReplayed  journal entries applied after the snapshot
 * @param lastSequence     engine sequence the engine continues after
 * @param tornEntriesCut   damaged entries at the journal's tail (torn by a crash mid-write) that were ignored
 * @param duration         wall time of the whole recovery
 */
public record RecoveryReport(Path snapshotFile, long snapshotSequence, long entriesReplayed, long lastSequence,
                             int tornEntriesCut, Duration duration) {
}
