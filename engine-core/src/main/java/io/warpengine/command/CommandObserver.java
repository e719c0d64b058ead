package io.warpengine.command;

/**
 * A downstream consumer of the engine's command stream (the slot the physics module fills). It is called on
 * its own thread, in ring order, for every write after the command has been journaled and applied
 * and its caller released, so it is never on a caller's critical path; a slow observer only delays the reuse
 * of ring slots. Reads do not travel through the ring and are not observed here. An observer must not write to
 * the engine: a synchronous write is refused there, and an asynchronous one fails when the ring is full.
 */
public interface CommandObserver {

    /**
     * @param command    the applied command
     * @param sequence   its engine sequence
     * @param shard      the shard of a single-key command's key; -1 for a {@link Command.Batch}, whose keys may
     *                   span shards
     * @param existed    whether a single-key command's key held a value before it (false for a batch)
     * @param endOfBatch true for the last command of the batch the ring handed over
     */
    void onApplied(Command command, long sequence, int shard, boolean existed, boolean endOfBatch);
}
