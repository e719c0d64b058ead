package io.warpengine.server.command;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What makes read-modify-write commands atomic although the engine has no compare-and-set: keys hash to 1,024
 * stripes; a command that writes holds its keys' stripe locks (taken in stripe order, so two commands never wait for
 * each other) from its first read until its writes are published, and records the future of its last write on each
 * stripe. A command that reads first waits until that future is done (see {@link KeyOverlay}): published writes
 * are applied in publication order, so it then reads every write published before it on those keys, from any
 * connection, including the connection's own pipelined writes. Writes are published without waiting for them, so
 * a stripe is locked for microseconds.
 */
public final class KeyLocks {

    static final int STRIPES = 1024;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final AtomicReferenceArray<CompletableFuture<?>> lastWrites = new AtomicReferenceArray<>(STRIPES);

    public KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The stripe of {@code key}: its String hash, spread over the stripes. */
    public static int stripe(String key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - 10);
    }

    /** The distinct stripes of {@code keys}, in ascending order: the order they are locked in. */
    public static int[] stripes(Collection<String> keys) {
        if (keys.size() == 1) { // most commands: no sorting
            return new int[]{stripe(keys.iterator().next())};
        }
        int[] stripes = new int[keys.size()];
        int i = 0;
        for (String key : keys) {
            stripes[i++] = stripe(key);
        }
        Arrays.sort(stripes);
        int distinct = 0;
        for (int s : stripes) {
            if (distinct == 0 || stripes[distinct - 1] != s) {
                stripes[distinct++] = s;
            }
        }
        return distinct == stripes.length ? stripes : Arrays.copyOf(stripes, distinct);
    }

    /** Every stripe, for a command that writes keys it cannot name in advance (FLUSHDB). */
    public static int[] allStripes() {
        int[] all = new int[STRIPES];
        Arrays.setAll(all, i -> i);
        return all;
    }

    public void lock(int[] stripes) {
        for (int s : stripes) {
            locks[s].lock();
        }
    }

    public void unlock(int[] stripes) {
        for (int i = stripes.length - 1; i >= 0; i--) {
            locks[stripes[i]].unlock();
        }
    }

    /** A write published on {@code stripe} and not yet applied (the newest one), or null. */
    public CompletableFuture<?> pending(int stripe) {
        CompletableFuture<?> last = lastWrites.get(stripe);
        return last == null || last.isDone() ? null : last;
    }

    /** Records {@code write}, just published while holding {@code stripes}, as their newest write. */
    public void published(int[] stripes, CompletableFuture<?> write) {
        for (int s : stripes) {
            lastWrites.set(s, write);
        }
    }
}
