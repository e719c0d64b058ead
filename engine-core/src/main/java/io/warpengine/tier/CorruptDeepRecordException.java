package io.warpengine.tier;

/** A value read back from the deep log is not what was written there: a damaged file, or a location gone wrong. */
public final class CorruptDeepRecordException extends RuntimeException {

    CorruptDeepRecordException(String message) {
        super(message);
    }
}
