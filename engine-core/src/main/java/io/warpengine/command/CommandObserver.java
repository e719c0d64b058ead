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
     * @param shard      the shard that applied it
     * @param existed    whether the key held a value before the command
     * @param endOfBatch true for the last command of the batch the ring handed over
     */
    void onApplied(Command.Write command, long sequence, int shard, boolean existed, boolean endOfBatch);
}
