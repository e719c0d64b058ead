package io.warpengine.core;

import io.warpengine.journal.JournalEntry;

/**
 * What replaying a journal entry does to the keys: their values and their expiry times. Recovery and the journal
 * tool's rebuild both replay through this class, so the state a tool shows is the state the engine would open with.
 * The rules repeat the writer role's decisions as it journaled them ({@link WriterRole}), judged by each entry's own
 * time: a put sets the value and the expiry time (none: no expiry), a delete removes both, an expiry change applies
 * to a key that exists and has not expired as of the entry, and a reap deletes those of its keys that have expired
 * as of its time (the writer wrote them in that order). Entanglements and placements change no key: ignored here,
 * a subclass that keeps them overrides {@link #entangle}, {@link #disentangle} and {@link #place}.
 */
public class KeyReplay implements JournalEntry.Visitor<Void> {

    /** Where the replayed values go. */
    public interface Keys {
        boolean contains(String key);

        /** Stores {@code put}'s value (and whatever else the target keeps of a put). */
        void put(JournalEntry.Put put);

        void remove(String key);
    }

    private final Keys keys;
    private final KeyExpiries expiries;

    public KeyReplay(Keys keys, KeyExpiries expiries) {
        this.keys = keys;
        this.expiries = expiries;
    }

    @Override
    public final Void put(JournalEntry.Put put) {
        keys.put(put);
        expiries.set(put.key(), put.expiresAtMillis());
        return null;
    }

    @Override
    public final Void delete(JournalEntry.Delete delete) {
        keys.remove(delete.key());
        expiries.remove(delete.key());
        return null;
    }

    @Override
    public final Void expire(JournalEntry.Expire expire) {
        String key = expire.key();
        if (keys.contains(key) && !expiries.expired(key, expire.timestampMicros() / 1000)) {
            expiries.set(key, expire.expiresAtMillis());
        }
        return null;
    }

    @Override
    public final Void reap(JournalEntry.Reap reap) {
        for (String key : reap.keys()) {
            if (expiries.expired(key, reap.atMillis())) {
                keys.remove(key);
                expiries.remove(key);
            }
        }
        return null;
    }

    @Override
    public final Void batch(JournalEntry.Batch batch) {
        batch.writes().forEach(write -> write.accept(this));
        return null;
    }

    @Override
    public Void entangle(JournalEntry.Entangle entangle) {
        return null;
    }

    @Override
    public Void disentangle(JournalEntry.Disentangle disentangle) {
        return null;
    }

    @Override
    public Void place(JournalEntry.Place place) {
        return null;
    }
}
