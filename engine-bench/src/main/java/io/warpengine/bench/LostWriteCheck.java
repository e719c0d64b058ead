package io.warpengine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether every acknowledged write of a {@link WriteSequence} survived a stop and reopen. For each thread it replays
 * the sequence up to the thread's acknowledged count, which gives each key's last acknowledged write, and reads the
 * key: the value must be that write, or a later write of the same thread to the same key (one that was journaled
 * but not yet reported when the process died). A key holding nothing, an older write, or a value no write of its
 * thread put there counts as one lost write.
 */
final class LostWriteCheck {

    /**
     * How far past its reported count a thread's stored counters may go: the writes it could make between its last
     * report and the kill (a few milliseconds) are far fewer, so a counter beyond is no write of this run.
     */
    static final long MAX_UNREPORTED = 1L << 24;
    /** Lost writes described in a result, to show what went wrong without flooding the console. */
    static final int EXAMPLES = 5;
    private static final long ABSENT = -1;

    /**
     * @param acknowledgedWrites writes acknowledged, over every thread
     * @param keysChecked        keys with at least one acknowledged write: each was read
     * @param lost               keys whose last acknowledged write was missing, older, or replaced by a foreign value
     * @param examples           up to {@link #EXAMPLES} of the lost writes, described
     */
    record Result(long acknowledgedWrites, long keysChecked, long lost, List<String> examples) {
    }

    private LostWriteCheck() {
    }

    /**
     * @param acknowledged each thread's count of acknowledged writes (only these must have survived)
     * @param read         the reopened target's value of a key, or null
     */
    static Result check(WriteSequence sequence, long[] acknowledged, Function<String, byte[]> read) {
        long writes = 0;
        long checked = 0;
        long lost = 0;
        List<String> examples = new ArrayList<>();
        for (int t = 0; t < sequence.threads(); t++) {
            int first = sequence.firstKey(t);
            long acked = acknowledged[t];
            writes += acked;
            WriteSequence.Cursor cursor = sequence.cursor(t);
            long[] lastAcked = new long[sequence.keysOf(t)];
            Arrays.fill(lastAcked, ABSENT);
            for (long c = 0; c < acked; c++) {
                lastAcked[cursor.next() - first] = c;
            }
            long[] stored = new long[lastAcked.length];
            long furthest = acked - 1;
            for (int i = 0; i < lastAcked.length; i++) {
                if (lastAcked[i] != ABSENT) {
                    checked++;
                    stored[i] = storedCounter(sequence, t, acked, read.apply(sequence.key(first + i)));
                    furthest = Math.max(furthest, stored[i]);
                }
            }
            // A stored counter past the acknowledged ones is a real write only if the sequence sends it to this key.
            boolean[] laterWrite = new boolean[lastAcked.length];
            for (long c = acked; c <= furthest; c++) {
                int i = cursor.next() - first;
                laterWrite[i] |= stored[i] == c;
            }
            for (int i = 0; i < lastAcked.length; i++) {
                if (lastAcked[i] != ABSENT && stored[i] != lastAcked[i] && !laterWrite[i]) {
                    lost++;
                    if (examples.size() < EXAMPLES) {
                        String key = sequence.key(first + i);
                        examples.add(describe(key, t, lastAcked[i], stored[i], read.apply(key) != null));
                    }
                }
            }
        }
        return new Result(writes, checked, lost, List.copyOf(examples));
    }

    /** The counter of thread {@code t}'s write that {@code value} is, or {@link #ABSENT} when it is no such write. */
    private static long storedCounter(WriteSequence sequence, int t, long acked, byte[] value) {
        long writer = value == null ? -1 : sequence.writer(value);
        if (writer < 0 || WriteSequence.threadOf(writer) != t) {
            return ABSENT;
        }
        long counter = WriteSequence.counterOf(writer);
        return counter < acked + MAX_UNREPORTED ? counter : ABSENT;
    }

    private static String describe(String key, int thread, long lastAcked, long stored, boolean present) {
        String found = !present ? "nothing" : stored == ABSENT ? "a value no write of that thread put there"
                : stored < lastAcked ? "its older write " + stored : "its write " + stored + ", which was to another key";
        return String.format(Locale.ROOT, "%s: acknowledged write %d of thread %d, found %s", key, lastAcked, thread,
                found);
    }
}
