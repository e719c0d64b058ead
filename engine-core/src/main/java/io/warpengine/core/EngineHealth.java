package io.warpengine.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the engine can still accept writes. The first journal or apply failure is kept; from then on every
 * command fails with it: after a failed append or sync the journal's tail is uncertain, and acknowledging a
 * later write would break the rule that acknowledged writes are durable.
 */
public final class EngineHealth {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHealth.class);

    private volatile RuntimeException failure;

    /** The failure that stopped the engine, or null while it is healthy. */
    public RuntimeException failure() {
        return failure;
    }

    /** Records a failure (the first one wins) and returns the failure commands should now fail with. */
    synchronized RuntimeException fail(String what, Throwable cause) {
        if (failure == null) {
            LOG.error("WarpEngine stops accepting writes: {}", what, cause);
            String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            failure = new IllegalStateException("engine failed and accepts no more writes: " + what + ": " + reason,
                    cause);
        }
        return failure;
    }
}
