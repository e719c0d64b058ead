package io.warpengine.snapshot;

import java.io.IOException;

/** A snapshot file whose bytes do not verify. */
public final class CorruptSnapshotException extends IOException {
    public CorruptSnapshotException(String message) {
        super(message);
    }
}
