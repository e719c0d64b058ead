package io.warpengine;

import java.time.Duration;

/**
 * What {@link WarpEngine#open} did to rebuild the state.
 *
 * @param entriesReplayed journal entries applied
 * @param lastSequence    engine sequence the engine continues after
 * @param tornEntriesCut  damaged entries at the journal's tail (torn by a crash mid-write) that were ignored
 * @param duration        wall time of the replay
 */
public record RecoveryReport(long entriesReplayed, long lastSequence, int tornEntriesCut, Duration duration) {
}
