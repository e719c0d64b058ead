package io.warpengine.journal;

/** A journal entry whose bytes do not decode: a CRC mismatch or a malformed frame. */
public final class CorruptEntryException extends RuntimeException {
    public CorruptEntryException(String message) {
        super(message);
    }
}
