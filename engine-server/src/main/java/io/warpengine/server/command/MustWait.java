package io.warpengine.server.command;

import java.util.concurrent.CompletableFuture;

/**
 * Thrown by a read that finds a write to its key published but not yet applied: the command is abandoned before it
 * wrote anything, and its connection runs it again once {@link #write} is done, instead of blocking its event loop
 * on the engine. No stack trace: it is control flow.
 */
final class MustWait extends RuntimeException {

    final transient CompletableFuture<?> write;

    MustWait(CompletableFuture<?> write) {
        super("a write to the key is still being applied", null, false, false);
        this.write = write;
    }
}
