package io.warpengine.journal;

/** The shape of a journal entry; {@link #code} is what the entry format stores. */
public enum EntryType {
    PUT((byte) 1),
    DELETE((byte) 2),
    BATCH((byte) 3);

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
            default -> null;
        };
    }
}
