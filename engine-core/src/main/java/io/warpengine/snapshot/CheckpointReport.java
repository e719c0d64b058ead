package io.warpengine.snapshot;

/**
 * One checkpoint an engine wrote.
 *
 * @param number        1 for the first checkpoint the engine took since it opened, then 2, 3, ...
 * @param sequence      the snapshot's sequence: every entry up to it is in the file, recovery replays after it
 * @param endSequence   no entry after it is in the file (above {@code sequence} when writes went on meanwhile)
 * @param entries       entries written: one per key, but two for a key that moved between writers meanwhile
 * @param startedMicros wall-clock start, µs since the epoch
 * @param durationNanos from the start until the file was durable and in place
 */
public record CheckpointReport(int number, long sequence, long endSequence, long entries, long startedMicros, long durationNanos) {
}
