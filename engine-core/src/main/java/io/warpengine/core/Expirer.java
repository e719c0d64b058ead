package io.warpengine.core;

import io.warpengine.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Active expiry: a thread that every interval journals a reap of the keys whose expiry time has passed, at most
 * {@link #MAX_KEYS_PER_REAP} per entry, so the memory of keys nobody reads again returns. Reads never wait for
 * it: an expired key is invisible from its expiry time on ({@link ShardSet#read}). The reap is an ordinary command
 * through the writer role, so replay reclaims the same keys.
 */
public final class Expirer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Expirer.class);
    /** Keys per REAP entry: bounds the time one round spends deleting. */
    static final int MAX_KEYS_PER_REAP = 1000;

    private final ShardSet shards;
    private final Pipeline pipeline;
    private final EngineHealth health;
    private final long intervalNanos;
    private final Thread thread;
    private final AtomicLong reaped = new AtomicLong();
    private volatile boolean stopped;

    /** Starts the thread; {@code intervalMillis} between passes. */
    public Expirer(ShardSet shards, Pipeline pipeline, EngineHealth health, int intervalMillis) {
        this.shards = shards;
        this.pipeline = pipeline;
        this.health = health;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.thread = new Thread(this::run, "warp-expirer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Keys named by the reaps this engine journaled since it opened (each had expired when it was named). */
    public long reapedKeys() {
        return reaped.get();
    }

    private void run() {
        SyncReply reply = new SyncReply(0, 0); // made here: it wakes the thread that made it
        while (!stopped) {
            LockSupport.parkNanos(this, intervalNanos);
            if (stopped || health.failure() != null) {
                continue;
            }
            try {
                reapDue(reply);
            } catch (RuntimeException e) { // the engine failed meanwhile: its writes fail, and so would the reap
                LOG.debug("Reap of expired keys failed", e);
            }
        }
    }

    /** Journals reaps until no key is due (or the engine closes). */
    private void reapDue(SyncReply reply) {
        while (!stopped && shards.expiries().any()) {
            long now = shards.nowMillis();
            List<String> due = shards.expiries().due(now, MAX_KEYS_PER_REAP);
            if (due.isEmpty()) {
                return;
            }
            pipeline.call(new Command.Reap(due), reply); // judged at its journal time, not before: see JournalEntry.Reap
            reaped.addAndGet(due.size());
            if (due.size() < MAX_KEYS_PER_REAP) {
                return;
            }
        }
    }

    /** Stops the thread, after the reap it may be journaling. */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) { // even if interrupted: a reap in flight must end before the engine closes
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
