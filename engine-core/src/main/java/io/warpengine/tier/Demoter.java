package io.warpengine.tier;

import io.warpengine.store.DeepValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The thread that moves values down the tiers when memory is short, off every caller's path: a CLOCK hand per
 * store passes over the keys; a value read since the hand last passed it ({@link ReferenceBits}) keeps its place
 * and loses its bit, any other moves one tier down: a stored value to the photon sphere when LZ4 saves an eighth,
 * else (and a photon) to the deep log. Each move appends first and then swaps the key's form by compare-and-set,
 * so a write that came meanwhile wins and the appended record is only garbage. {@code ./warp bench policy}
 * measured CLOCK's hit ratio within 1-5% of LRU and W-TinyLFU at a tenth of their CPU per read.
 */
final class Demoter {

    private static final Logger LOG = LoggerFactory.getLogger(Demoter.class);
    /** Keys the hand passes in one store before it turns to the next. */
    private static final int STEP = 256;
    /** How long the demoter rests when nothing can move (every value in memory is critical or just read). */
    private static final long STUCK_PAUSE_MILLIS = 50;
    /** How often an idle demoter looks for deep segments to compact. */
    private static final long COMPACTION_CHECK_MILLIS = 1000;

    private final Tiers tiers;
    private final List<TieredShardStore> stores;
    private final Function<String, Residency> residency;
    private final long demoteTo;
    private final Compactor compactor;
    private final Thread thread;
    private volatile boolean running = true;
    /** True while a whole turn of the hands moved nothing: writers over the bound then go on instead of waiting. */
    private volatile boolean stuck;
    private boolean warnedStuck;
    /** Whether the last demotion failed: one error per run of failures, not one per retry. */
    private boolean failing;
    /** Values waiting for the deep log: appended together, then each swapped by compare-and-set. */
    private final DeepWrites deepWrites;

    Demoter(Tiers tiers, List<TieredShardStore> stores, DeepLog deep, Function<String, Residency> residency,
            long demoteTo, Compactor compactor) {
        this.compactor = compactor;
        this.deepWrites = new DeepWrites(deep, (store, key, held, stored, record) -> store.demote(key, held, record));
        this.tiers = tiers;
        this.stores = stores;
        this.residency = residency;
        this.demoteTo = demoteTo;
        this.thread = new Thread(this::run, "warp-demoter");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    /** The writer, with memory over {@code maxBytes}: waits until the demoter brought it under, or cannot. */
    void awaitRoom(long maxBytes) {
        tiers.counters.stalls.incrementAndGet();
        while (running && !stuck && tiers.counters.memoryBytes() > maxBytes) {
            LockSupport.parkNanos(50_000); // the demoter frees room at disk speed: no signal is worth its cost
        }
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                if (tiers.counters.memoryBytes() <= demoteTo) {
                    if (!compactor.compactOnce()) { // a write or promotion over the threshold unparks it sooner
                        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(COMPACTION_CHECK_MILLIS));
                    }
                    continue;
                }
                boolean moved = demoteUntil(demoteTo);
                if (failing) {
                    failing = false;
                    LOG.info("Memory tiers: demotion works again");
                }
                if (!moved) {
                    stuck = true;
                    if (!warnedStuck) {
                        warnedStuck = true;
                        LOG.warn("Memory tiers: values in memory ({} bytes) stay above the bound: every one is "
                                + "critical or being read; writes go on over it", tiers.counters.memoryBytes());
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(STUCK_PAUSE_MILLIS));
                }
            } catch (RuntimeException e) {
                // a failed append (disk full, I/O error) moves nothing: values stay in memory, where they are safe
                deepWrites.clear();
                stuck = true;
                if (!failing) {
                    failing = true;
                    LOG.error("Memory tiers: demotion or compaction failed, values stay where they are and writes go"
                            + " on over the bound; retrying every second", e);
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** Moves values down until memory is at {@code target}; false when a whole turn of the hands moved nothing. */
    private boolean demoteUntil(long target) {
        long sinceProgress = 0;
        long nextCompaction = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMPACTION_CHECK_MILLIS);
        while (running && tiers.counters.memoryBytes() > target) {
            if (System.nanoTime() > nextCompaction) { // under a steady stream of writes memory is never idle
                compactor.compactOnce();
                nextCompaction = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMPACTION_CHECK_MILLIS);
            }
            long keys = 0;
            for (TieredShardStore store : stores) {
                keys += store.keyCount();
                for (int i = 0; i < STEP; i++) {
                    Map.Entry<String, Object> entry = store.advanceHand();
                    if (entry == null) {
                        break;
                    }
                    sinceProgress = visit(store, entry.getKey(), entry.getValue()) ? 0 : sinceProgress + 1;
                }
                deepWrites.flush();
            }
            if (keys == 0 || sinceProgress > 2 * keys + STEP) { // two passes: one clears the bits, the next finds nothing either
                return false;
            }
        }
        stuck = false;
        return true;
    }

    /** One key under the hand; true if its value moves down (now, or with the next batch of deep writes). */
    private boolean visit(TieredShardStore store, String key, Object held) {
        if (held instanceof DeepValue) {
            return false;
        }
        Residency rule = residency.apply(key);
        if (rule == Residency.KEEP || rule == Residency.NORMAL && tiers.references.clear(key)) {
            return false;
        }
        if (held instanceof Promoted promoted) {
            return store.demote(key, held, promoted.origin); // its record holds the value still: no write
        }
        if (held instanceof byte[] stored) {
            byte[] compressed = rule == Residency.COLD ? null : PhotonCodec.compress(stored);
            if (compressed != null) {
                return store.demote(key, held, new Photon(compressed));
            }
            deepWrites.add(store, key, held, stored);
            return true;
        }
        deepWrites.add(store, key, held, ((Photon) held).stored());
        return true;
    }
}
