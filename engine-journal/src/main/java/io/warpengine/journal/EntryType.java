package io.warpengine.journal;

/** The shape of a journal entry; {@link #code} is what the entry format stores. */
public enum EntryType {
    PUT((byte) 1),
    DELETE((byte) 2),
    BATCH((byte) 3),
    /** A PUT that also sets the key's put options (one byte, see {@code JournalEntry.Put#options()}). */
    PUT_WITH_OPTIONS((byte) 4),
    ENTANGLE((byte) 5),
    DISENTANGLE((byte) 6),
    /** A logical shard given to another writer. */
    PLACE((byte) 7),
    /** A PUT that also sets the key's expiry time (and its put options). */
    PUT_WITH_EXPIRY((byte) 8),
    /** A key's expiry time set, or removed. */
    EXPIRE((byte) 9),
    /** Expired keys reclaimed: each deleted if its expiry time is at or before the entry's reap time. */
    REAP((byte) 10);

    private final byte code;

    EntryType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** The type stored as {@code code}, or null when no type has that code. */
    static EntryType ofCode(byte code) {
        return switch (code) {
            case 1 -> PUT;
            case 2 -> DELETE;
            case 3 -> BATCH;
            case 4 -> PUT_WITH_OPTIONS;
            case 5 -> ENTANGLE;
            case 6 -> DISENTANGLE;
            case 7 -> PLACE;
            case 8 -> PUT_WITH_EXPIRY;
            case 9 -> EXPIRE;
            case 10 -> REAP;
            default -> null;
        };
    }
}
