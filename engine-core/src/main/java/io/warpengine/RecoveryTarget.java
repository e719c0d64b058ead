package io.warpengine;

import java.time.Instant;

/** The point {@link WarpEngine#openAt} rebuilds the state at: after the last entry at or before it. */
public sealed interface RecoveryTarget permits RecoveryTarget.AtSequence, RecoveryTarget.AtTime {

    /** Everything the journal holds: what {@link WarpEngine#open} recovers. */
    RecoveryTarget LATEST = new AtSequence(Long.MAX_VALUE);

    /** The state after entry {@code sequence}. */
    static RecoveryTarget sequence(long sequence) {
        return new AtSequence(sequence);
    }

    /** The state after the last entry journaled at or before {@code time}. */
    static RecoveryTarget time(Instant time) {
        return new AtTime(time);
    }

    /** Highest engine sequence allowed. */
    long maxSequence();

    /** Latest journal timestamp allowed, µs since the epoch. */
    long maxTimestampMicros();

    record AtSequence(long sequence) implements RecoveryTarget {
        public AtSequence {
            if (sequence < 0) {
                throw new IllegalArgumentException("target sequence must not be negative, was " + sequence);
            }
        }

        @Override
        public long maxSequence() {
            return sequence;
        }

        @Override
        public long maxTimestampMicros() {
            return Long.MAX_VALUE;
        }
    }

    record AtTime(Instant time) implements RecoveryTarget {
        public AtTime {
            if (time == null) {
                throw new IllegalArgumentException("target time must not be null");
            }
        }

        @Override
        public long maxSequence() {
            return Long.MAX_VALUE;
        }

        @Override
        public long maxTimestampMicros() {
            return Math.multiplyExact(time.getEpochSecond(), 1_000_000L) + time.getNano() / 1000;
        }
    }
}
