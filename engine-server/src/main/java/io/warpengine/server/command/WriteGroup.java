package io.warpengine.server.command;

import io.warpengine.EngineConfig;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The blind writes (SET without options, MSET: writes that read nothing) of one event loop's connections during one
 * turn of the loop, published together when the turn ends: one journal entry and one round of the writer role for
 * all of them (and one msync in power durability) instead of one each. They are published as one atomic batch,
 * which is more than each needs.
 *
 * <p>Why waiting is safe: a blind write is not acknowledged before it is published and applied, so until then it
 * may take effect after anything other clients do meanwhile. What must see it runs after it: every other command
 * of this loop publishes the group before it runs ({@link #publish()}), so a connection's reads see its own writes,
 * and the group is published under its keys' stripe locks like any write ({@link KeyLocks}), so a read-modify-write
 * that comes later waits until it is applied. Used on its event loop only.
 */
public final class WriteGroup {

    private final ServerContext server;
    private final Executor loop;
    private final int maxWrites;
    private final long maxBytes;
    /** The writes waiting for the end of the turn, and the future their replies wait for. */
    private KeyOverlay pending;
    private CompletableFuture<Void> applied;
    private boolean scheduled;

    /** @param loop the event loop whose turns the group follows: it runs the publication at the end of a turn */
    public WriteGroup(ServerContext server, Executor loop) {
        this.server = server;
        this.loop = loop;
        EngineConfig config = server.engine().config();
        this.maxWrites = config.batchMaxWrites();
        this.maxBytes = config.batchMaxBytes();
        reset();
    }

    /**
     * Adds {@code command}'s writes to the group; the future completes once they are journaled and applied. Null
     * when they would not fit in one batch even alone: the command publishes them itself (and the engine refuses
     * them, naming its limit).
     */
    CompletableFuture<Void> add(KeyOverlay command) {
        if (command.writeCount() > maxWrites || command.writeBytes() > maxBytes) {
            return null;
        }
        if (pending.writeCount() + command.writeCount() > maxWrites
                || pending.writeBytes() + command.writeBytes() > maxBytes) {
            publish();
        }
        command.commitTo(pending);
        if (!scheduled) {
            scheduled = true;
            loop.execute(this::publish); // runs once the loop has read what its connections sent in this turn
        }
        return applied;
    }

    /** Publishes the waiting writes, if any, under their keys' stripe locks. */
    public void publish() {
        scheduled = false;
        if (!pending.writes()) {
            return;
        }
        KeyOverlay writes = pending;
        CompletableFuture<Void> done = applied;
        reset();
        int[] stripes = KeyLocks.stripes(writes.writtenKeys());
        server.locks().lock(stripes);
        try {
            CompletableFuture<?> written = writes.publish();
            server.locks().published(stripes, written);
            written.whenComplete((result, e) -> {
                if (e == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException refused) { // the engine closed or failed: every write of the group fails with it
            done.completeExceptionally(refused);
        } finally {
            server.locks().unlock(stripes);
        }
    }

    private void reset() {
        pending = new KeyOverlay(server.engine(), server.locks());
        applied = new CompletableFuture<>();
    }
}
