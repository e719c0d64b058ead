package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

import java.util.concurrent.CompletableFuture;

/** What running a request gave its connection: a reply now or later, or a reason to run it again later. */
public sealed interface Outcome {

    /** Replied at once. */
    record Done(Reply reply) implements Outcome {
    }

    /** Replied once its writes are applied; the connection's next command may run meanwhile. */
    record Later(CompletableFuture<Reply> reply) implements Outcome {
    }

    /** Replied when the background work is done; the connection's next command waits for it. */
    record Barrier(CompletableFuture<Reply> reply) implements Outcome {
    }

    /** Not run: the request is to run again once {@code after} is done. */
    record Retry(CompletableFuture<?> after) implements Outcome {
    }
}
