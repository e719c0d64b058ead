package io.warpengine.core;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.warpengine.command.Command;
import io.warpengine.store.StoredValue;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The single writer as a role instead of a thread (flat combining; RocksDB's write-group leader): a caller that
 * has published its command and finds the role free takes it, and journals and applies every command pending in
 * the ring, its own and the other callers', in ring order. One holder at a time keeps the single-writer rule and
 * the journal order; the work runs on the time slices of whichever callers are running, so writes are not parked
 * behind one engine thread that the OS schedules like any of the application's threads (measured with 16 reader
 * threads beside 16 writers: 3.9K writes/s through a dedicated thread, see the README for the role's figure).
 *
 * <p>No command is stranded: a publisher tries to lead after its publish, and a leader looks for pending commands
 * again after it released the role. Both are sequentially consistent (volatile, CAS), so for any published
 * command either its publisher took the role, or the holder it lost to sees the command after releasing.
 *
 * <p>A round: take up to {@link #MAX_BATCH} published slots (at most a ring's worth); give each command its
 * engine sequence and append it; flush (the msync of power mode: group commit); apply each to its shard's store; advance {@code applied}
 * (which frees the slots, or hands them to the observer stage); release the role; only then release the callers,
 * so their wake-ups and future callbacks run outside the role.
 *
 * <p>Multi-key reads see one point of the engine's sequence ({@link #atOnePoint}): the stores change only while
 * the holder applies a round, and a counter that is odd during the apply (a sequence lock) tells a reader
 * whether a round overlapped its reads. A reader that keeps overlapping takes the role itself for its read.
 */
final class WriterRole {

    /**
     * The most commands one round takes. In power mode a round is one msync, so this bounds group commit: with
     * 256, 64 callers keeping 8 writes each in flight reached 137K PUT/s against 330K when the journal thread
     * took whatever was pending. A leader's batch grows to this size only when that many are pending.
     */
    static final int MAX_BATCH = 8192;
    /** Overlapped optimistic reads before a multi-key read takes the role (writers then wait for one read). */
    private static final int OPTIMISTIC_READS = 16;

    private final RingBuffer<CommandSlot> ring;
    private final Sequence applied;
    private final CommandLog log;
    private final ShardSet shards;
    private final EngineHealth health;
    private final boolean observed;
    private final Runnable signalObservers;
    private final MicrosClock clock;
    private final AtomicBoolean held = new AtomicBoolean();
    private final SlotApplier applier = new SlotApplier();
    private final ThreadLocal<WriteBatch> batches = ThreadLocal.withInitial(WriteBatch::new);
    // Each timestamp is written before its sequence and read after it: a reader gets at least its entry's time.
    private volatile long lastTimestampMicros;
    private volatile long lastSequence;
    private volatile long appliedTimestampMicros;
    private volatile long appliedSequence;
    /** Odd while the holder applies a round: the sequence lock of {@link #atOnePoint}. */
    private volatile long applyEpoch;

    /**
     * @param applied         ring sequence of the last slot journaled and applied (the role advances it)
     * @param lastSequence    the newest entry in the log
     * @param observed        whether an observer stage reads the slots after the role (else the role clears them)
     * @param signalObservers wakes the observer stage after {@code applied} advanced
     * @param clock           the entries' timestamps, and so the time expiry is judged by when a command applies
     */
    WriterRole(RingBuffer<CommandSlot> ring, Sequence applied, CommandLog log, long lastSequence, ShardSet shards,
               EngineHealth health, boolean observed, Runnable signalObservers, Clock clock) {
        this.clock = new MicrosClock(clock);
        this.ring = ring;
        this.applied = applied;
        this.log = log;
        this.shards = shards;
        this.health = health;
        this.observed = observed;
        this.signalObservers = signalObservers;
        this.lastTimestampMicros = this.clock.micros();
        this.lastSequence = lastSequence;
        this.appliedTimestampMicros = lastTimestampMicros;
        this.appliedSequence = lastSequence;
    }

    /** Takes the role while commands are pending and nobody holds it, and processes them; returns at once otherwise. */
    void lead() {
        while (pending() && held.compareAndSet(false, true)) {
            WriteBatch batch = batches.get();
            if (batch.inUse()) {
                batch = new WriteBatch(); // a callback of this thread's batch is writing: a rare nesting
            }
            try {
                round(batch);
            } finally {
                held.set(false);
            }
            batch.releaseCallers();
        }
    }

    /**
     * Runs {@code read} so that every store value it reads is as of one point of the engine's sequence: a round
     * applied while it ran makes it run again, and after {@value #OPTIMISTIC_READS} such runs it runs holding
     * the role. {@code read} must only read the stores, and may run more than once.
     */
    <T> T atOnePoint(Supplier<T> read) {
        for (int attempt = 0; attempt < OPTIMISTIC_READS; attempt++) {
            long epoch = applyEpoch;
            if ((epoch & 1) == 0) {
                T result = read.get();
                if (applyEpoch == epoch) {
                    return result;
                }
            }
            Thread.onSpinWait();
        }
        while (!held.compareAndSet(false, true)) {
            Thread.yield(); // the holder is in a round: it ends within one batch
        }
        try {
            return read.get();
        } finally {
            held.set(false);
            lead(); // commands published while this read held the role found it taken: write them now
        }
    }

    /** Whether a published command waits for the role. */
    boolean pending() {
        return ring.isAvailable(applied.get() + 1);
    }

    /** Whether this thread is releasing callers of a batch (its future callbacks run now). */
    boolean releasingOnThisThread() {
        return batches.get().inUse();
    }

    /** Sequence of the newest journaled entry. */
    long lastSequence() {
        return lastSequence;
    }

    /** Wall-clock time of the newest journaled entry (or later). */
    long lastTimestampMicros() {
        return lastTimestampMicros;
    }

    /** Every entry up to this sequence is applied to the stores (read by fuzzy checkpoints). */
    long appliedSequence() {
        return appliedSequence;
    }

    /** Wall-clock time of the entry at {@link #appliedSequence()} (or later). */
    long appliedTimestampMicros() {
        return appliedTimestampMicros;
    }

    private void round(WriteBatch batch) {
        long first = applied.get() + 1;
        long last = first - 1;
        while (last - first + 1 < MAX_BATCH && ring.isAvailable(last + 1)) {
            last++;
        }
        if (last < first) {
            return;
        }
        batch.ensureCapacity((int) (last - first + 1));
        for (long s = first; s <= last; s++) {
            journal(ring.get(s));
        }
        try {
            log.flush();
        } catch (Throwable e) { // the batch is not durable: fail its commands and every later one
            health.fail("journal sync failed after sequence " + lastSequence, e);
        }
        applyEpoch++; // only the holder writes it
        for (long s = first; s <= last; s++) {
            apply(ring.get(s), batch);
        }
        applyEpoch++;
        appliedTimestampMicros = lastTimestampMicros;
        appliedSequence = lastSequence;
        applied.set(last);
        if (observed) {
            signalObservers.run();
        }
    }

    private void journal(CommandSlot slot) {
        slot.journalFailure = health.failure();
        if (slot.journalFailure != null) {
            return;
        }
        long seq = lastSequence + 1;
        try {
            long micros = clock.micros();
            log.append(seq, micros, slot.command);
            slot.sequence = seq;
            slot.timestampMicros = micros;
            lastTimestampMicros = micros;
            lastSequence = seq;
        } catch (Throwable e) { // even an Error: the command must fail, not leave its caller waiting
            slot.journalFailure = health.fail("journal append failed at sequence " + seq, e);
        }
    }

    private void apply(CommandSlot slot, WriteBatch batch) {
        RuntimeException failure = slot.journalFailure != null ? slot.journalFailure : health.failure();
        if (failure != null) {
            batch.fail(slot.reply, failure);
        } else {
            try {
                slot.logicalShard = Reply.NO_SHARD;
                slot.shard = Reply.NO_SHARD;
                applier.slot = slot;
                slot.existed = slot.command.accept(applier);
                batch.complete(slot.reply, slot.sequence, slot.logicalShard, slot.shard, slot.existed);
            } catch (Throwable e) { // even an Error must release this caller and fail the ones after it
                batch.fail(slot.reply, health.fail("could not apply sequence " + slot.sequence, e));
            }
        }
        if (!observed) {
            slot.clear(); // nobody downstream needs the command: do not keep its value alive in the ring
        }
    }

    /**
     * Applies a slot's command to the stores its keys are on; returns whether a single key existed before. One
     * instance, used by whichever thread holds the role (so a PUT allocates nothing here).
     */
    private final class SlotApplier implements Command.Visitor<Boolean> {
        /** The slot being applied: set by the holder before each command. */
        CommandSlot slot;

        /**
         * A put that sets an expiry time, or replaces a key that has one, is fenced as a batch is
         * ({@link ShardSet#beginBatch}): a single-key read sees the value with its own expiry or the old pair.
         */
        @Override
        public Boolean put(Command.Put put) {
            String key = put.key();
            locate(key);
            boolean fenced = put.expiresAtMillis() != 0 || shards.expiries().of(key) != 0;
            if (fenced) {
                shards.beginBatch();
            }
            try {
                shards.keyOptions().put(key, put.options().code());
                boolean existed = shards.store(slot.shard).put(key, StoredValue.of(put.value(), slot.sequence,
                        slot.timestampMicros));
                shards.expiries().set(key, put.expiresAtMillis());
                return existed;
            } finally {
                if (fenced) {
                    shards.endBatch();
                }
            }
        }

        /** A key that expired but is not reaped yet did not exist, as readers saw it. */
        @Override
        public Boolean delete(Command.Delete delete) {
            String key = delete.key();
            locate(key);
            shards.keyOptions().remove(key);
            boolean live = !shards.expiries().expired(key, slot.timestampMicros / 1000);
            boolean existed = shards.store(slot.shard).remove(key) && live;
            shards.expiries().remove(key);
            return existed;
        }

        /**
         * Changes a key that exists and has not expired as of the entry's time (so replay decides the same); returns
         * whether it changed anything: an expiry set, or one removed.
         */
        @Override
        public Boolean expire(Command.Expire expire) {
            String key = expire.key();
            locate(key);
            KeyExpiries expiries = shards.expiries();
            if (!shards.store(slot.shard).contains(key) || expiries.expired(key, slot.timestampMicros / 1000)) {
                return false;
            }
            boolean had = expiries.of(key) != 0;
            expiries.set(key, expire.expiresAtMillis());
            return expire.expiresAtMillis() != 0 || had;
        }

        /** Each key expired as of the entry's time is deleted (readers already treat it as absent): replay decides the same. */
        @Override
        public Boolean reap(Command.Reap reap) {
            shards.reap(reap.keys(), slot.timestampMicros / 1000);
            slot.logicalShard = Reply.NO_SHARD;
            slot.shard = Reply.NO_SHARD;
            return false;
        }

        /** Each member as the single-key command it is; the batch itself has no shard and no "existed". */
        @Override
        public Boolean batch(Command.Batch batch) {
            shards.beginBatch(); // no single-key read sees the batch half applied
            try {
                for (Command.Write write : batch.writes()) {
                    write.accept(this);
                }
            } finally {
                shards.endBatch();
            }
            slot.logicalShard = Reply.NO_SHARD;
            slot.shard = Reply.NO_SHARD;
            return false;
        }

        /** Records where {@code key} lives as its command applies (what the caller's PutResult reports). */
        private void locate(String key) {
            RoutingTable routing = shards.routing();
            slot.logicalShard = routing.logicalShardOf(key);
            slot.shard = routing.ownerOf(slot.logicalShard);
        }

        @Override
        public Boolean entangle(Command.Entangle entangle) {
            shards.entangle(entangle.primary(), entangle.related(), entangle.strength());
            return false;
        }

        @Override
        public Boolean disentangle(Command.Disentangle disentangle) {
            shards.disentangle(disentangle.primary(), disentangle.related());
            return false;
        }

        /** Inside the round's apply, so a multi-key read sees the keys before or after the move, never half. */
        @Override
        public Boolean place(Command.Place place) {
            if (shards.routing().sameShape(place.logicalShards(), place.writers())) {
                shards.move(place.logicalShard(), place.writer());
            }
            return false;
        }
    }
}
