package io.warpengine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The disk holding the journal has no room for the next entry. Thrown before anything of the entry is written:
 * the journal stays a valid prefix of the acknowledged writes. Free space on that disk, then reopen the engine.
 */
public final class JournalFullException extends UncheckedIOException {

    JournalFullException(String message) {
        super(message, new IOException("No space left on device (ENOSPC)"));
    }
}
