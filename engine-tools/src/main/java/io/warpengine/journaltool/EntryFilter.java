package io.warpengine.journaltool;

import io.warpengine.journal.EntryType;
import io.warpengine.journal.JournalEntry;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Which entries a verb shows: a sequence range, a time range (µs), exact keys or a key prefix, an operation.
 * Bounds are inclusive; an empty key set and a null prefix or operation match everything.
 */
record EntryFilter(long fromSequence, long toSequence, long fromMicros, long toMicros, Set<String> keys, String prefix,
                   EntryType op) {

    EntryFilter {
        if (fromSequence > toSequence) {
            throw new IllegalArgumentException("--from-seq " + fromSequence + " is after --to-seq " + toSequence);
        }
        if (fromMicros > toMicros) {
            throw new IllegalArgumentException("--from-time " + Timestamps.format(fromMicros) + " is after --to-time "
                    + Timestamps.format(toMicros));
        }
    }

    boolean matches(JournalEntry entry) {
        long seq = entry.sequence();
        long ts = entry.timestampMicros();
        return seq >= fromSequence && seq <= toSequence && ts >= fromMicros && ts <= toMicros
                && (op == null || op == entry.type() || op == EntryType.PUT && (entry.type() == EntryType.PUT_WITH_OPTIONS
                || entry.type() == EntryType.PUT_WITH_EXPIRY))
                && (keys.isEmpty() || writesAny(entry, k -> keys.contains(k)))
                && (prefix == null || writesAny(entry, k -> k.startsWith(prefix)));
    }

    /** A batch matches when any of its members' keys does, an entanglement when its primary or a related key does. */
    private static boolean writesAny(JournalEntry entry, Predicate<String> key) {
        for (String k : entry.keys()) {
            if (key.test(k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether no entry after this one can match: sequences only grow (times may not, across restarts). */
    boolean pastEnd(JournalEntry entry) {
        return entry.sequence() > toSequence;
    }
}
