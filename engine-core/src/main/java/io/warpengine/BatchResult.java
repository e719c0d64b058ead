package io.warpengine;

/**
 * The outcome of an acknowledged batch.
 *
 * @param sequence the engine sequence of the journal entry that holds every write of the batch (0 for an empty
 *                 batch, which writes nothing)
 * @param writes   how many writes the batch held
 */
public record BatchResult(long sequence, int writes) {

    /** What committing an empty batch returns. */
    public static final BatchResult EMPTY = new BatchResult(0, 0);
}
