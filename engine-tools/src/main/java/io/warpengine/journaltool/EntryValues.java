package io.warpengine.journaltool;

import io.warpengine.journal.JournalEntry;

/** The value an entry writes, for the printers: a new entry shape must say here what it prints as its value. */
final class EntryValues implements JournalEntry.Visitor<byte[]> {

    /** An entry's value, or null when its shape has none. */
    static final EntryValues VALUE = new EntryValues();

    private EntryValues() {
    }

    @Override
    public byte[] put(JournalEntry.Put put) {
        return put.value();
    }

    @Override
    public byte[] delete(JournalEntry.Delete delete) {
        return null;
    }

    /** A batch has no value of its own: its members are printed one by one. */
    @Override
    public byte[] batch(JournalEntry.Batch batch) {
        return null;
    }

    /** An entanglement changes no value. */
    @Override
    public byte[] entangle(JournalEntry.Entangle entangle) {
        return null;
    }

    @Override
    public byte[] disentangle(JournalEntry.Disentangle disentangle) {
        return null;
    }

    /** A placement changes no value. */
    @Override
    public byte[] place(JournalEntry.Place place) {
        return null;
    }

    /** An expiry change keeps the value. */
    @Override
    public byte[] expire(JournalEntry.Expire expire) {
        return null;
    }

    /** A reap deletes values: it has none to print. */
    @Override
    public byte[] reap(JournalEntry.Reap reap) {
        return null;
    }
}
