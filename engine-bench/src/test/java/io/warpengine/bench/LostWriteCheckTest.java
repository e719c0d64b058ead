package io.warpengine.bench;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check counts a write lost exactly when a key's last acknowledged value is not what the store holds. */
class LostWriteCheckTest {

    private final Workload workload = new Workload(200, 16, 24, Workload.Distribution.UNIFORM);
    private final WriteSequence sequence = new WriteSequence(workload, 2);
    private final Map<String, byte[]> store = new HashMap<>();
    private final long[] acknowledged = {300, 250};

    /** Puts thread {@code t}'s writes {@code [0, to)} into the store, as a target that kept them all would hold them. */
    private void write(int t, long to) {
        WriteSequence.Cursor cursor = sequence.cursor(t);
        for (long c = 0; c < to; c++) {
            store.put(sequence.key(cursor.next()), cursor.value().clone());
        }
    }

    /** Thread {@code t}'s write number {@code counter}: its key and value. */
    private Map.Entry<String, byte[]> writeAt(int t, long counter) {
        WriteSequence.Cursor cursor = sequence.cursor(t);
        for (long c = 0; c < counter; c++) {
            cursor.next();
        }
        return Map.entry(sequence.key(cursor.next()), cursor.value().clone());
    }

    private LostWriteCheck.Result check() {
        return LostWriteCheck.check(sequence, acknowledged, store::get);
    }

    @Test
    void everyAcknowledgedWriteKeptIsNoLoss() {
        write(0, acknowledged[0]);
        write(1, acknowledged[1]);
        LostWriteCheck.Result result = check();
        assertEquals(0, result.lost(), result.examples().toString());
        assertEquals(550, result.acknowledgedWrites());
        assertEquals(store.size(), result.keysChecked(), "every key written was read back");
        assertTrue(result.keysChecked() > 100 && result.keysChecked() < 200, "overwrites: " + result.keysChecked());
    }

    @Test
    void aMissingKeyIsOneLostWrite() {
        write(0, acknowledged[0]);
        write(1, acknowledged[1]);
        String key = writeAt(1, 249).getKey();
        store.remove(key);
        LostWriteCheck.Result result = check();
        assertEquals(1, result.lost());
        assertEquals(List.of(key + ": acknowledged write 249 of thread 1, found nothing"), result.examples());
    }

    @Test
    void anOlderValueIsOneLostWrite() {
        write(0, acknowledged[0]);
        write(1, acknowledged[1]);
        // Thread 0's last write went to a key it wrote before (300 draws over 100 keys): put the older value back.
        Map.Entry<String, byte[]> last = writeAt(0, 299);
        long older = 298;
        while (!writeAt(0, older).getKey().equals(last.getKey())) {
            older--;
            assertTrue(older >= 0, "the seed's sequence never wrote that key before");
        }
        store.put(last.getKey(), writeAt(0, older).getValue());
        LostWriteCheck.Result result = check();
        assertEquals(1, result.lost());
        assertEquals(List.of(last.getKey() + ": acknowledged write 299 of thread 0, found its older write " + older),
                result.examples());
    }

    /** A write journaled but not yet reported when the process died may stand in for the acknowledged one. */
    @Test
    void laterUnreportedWritesOfTheKeysThreadAreNoLoss() {
        write(0, acknowledged[0] + 40);
        write(1, acknowledged[1] + 40);
        assertEquals(0, check().lost());
    }

    /** A later counter must be a write to this very key, and the value must be its own thread's. */
    @Test
    void aValueNoWriteOfTheKeysThreadPutThereIsLost() {
        write(0, acknowledged[0]);
        write(1, acknowledged[1]);
        String key = writeAt(0, 0).getKey();
        long other = acknowledged[0];
        while (writeAt(0, other).getKey().equals(key)) {
            other++;
        }
        store.put(key, writeAt(0, other).getValue()); // a later write of thread 0, but to another key
        String key1 = writeAt(1, 0).getKey();
        store.put(key1, writeAt(0, 0).getValue()); // thread 0's value on a key of thread 1
        LostWriteCheck.Result result = check();
        assertEquals(2, result.lost(), result.examples().toString());
        assertTrue(result.examples().contains(key + ": acknowledged write " + lastAcknowledged(0, key)
                + " of thread 0, found its write " + other + ", which was to another key"), result.examples().toString());
        assertTrue(result.examples().contains(key1 + ": acknowledged write " + lastAcknowledged(1, key1)
                + " of thread 1, found a value no write of that thread put there"), result.examples().toString());
    }

    private long lastAcknowledged(int t, String key) {
        long last = -1;
        WriteSequence.Cursor cursor = sequence.cursor(t);
        for (long c = 0; c < acknowledged[t]; c++) {
            if (sequence.key(cursor.next()).equals(key)) {
                last = c;
            }
        }
        return last;
    }

    @Test
    void threadsWriteOnlyTheirOwnKeys() {
        for (int t = 0; t < 2; t++) {
            WriteSequence.Cursor cursor = sequence.cursor(t);
            for (int c = 0; c < 1000; c++) {
                int index = cursor.next();
                assertTrue(index >= sequence.firstKey(t) && index < sequence.firstKey(t) + sequence.keysOf(t), "" + index);
                long writer = sequence.writer(cursor.value());
                assertEquals(t, WriteSequence.threadOf(writer));
                assertEquals(c, WriteSequence.counterOf(writer));
            }
        }
    }
}
