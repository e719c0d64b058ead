package io.warpengine.server.command;

/** How a command runs: on which thread, under which locks, after what it must wait for. */
public enum Kind {
    /** Touches the connection or the server's description only; runs at once on the event loop. */
    SESSION,
    /** Reads its keys (through a {@link KeyOverlay}); waits for writes to them still being applied. */
    READ,
    /** Writes its keys, perhaps after reading them: holds their stripe locks ({@link KeyLocks}) while it runs. */
    WRITE,
    /**
     * Reads the engine beyond its keys (DBSIZE, INFO, WARP.QGET): waits for the connection's own writes, then runs
     * on the event loop (each is a few map reads).
     */
    ENGINE,
    /**
     * Takes long (a pass over every key, a checkpoint) or calls the engine synchronously (entangle): waits for the
     * connection's own writes, runs on the server's background thread, and the connection's next command waits for
     * it, so that its requests keep their order.
     */
    BACKGROUND,
    /** EXEC: every queued command under the locks of all their keys, written as one batch. */
    EXEC
}
