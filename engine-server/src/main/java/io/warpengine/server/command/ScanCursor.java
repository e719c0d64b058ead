package io.warpengine.server.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * SCAN's cursor: a position in the order of a fixed 64-bit hash of the keys. A call returns the matching keys whose
 * hash comes after the cursor, the {@code count} lowest of them (and every key sharing the last one's hash), and
 * the last hash as the next cursor; 0 when none is left. Since a key's hash never changes and keys written or
 * deleted meanwhile do not move the others, every key present for the whole iteration is returned exactly once
 * (Redis's contract asks at least once), without any state on the server, and the cursor is a decimal number as
 * redis-cli expects. The engine iterates keys only as a whole ({@code keys(prefix)}), so each call costs one pass
 * over the keys with the pattern's literal prefix: a full iteration of n keys costs n * n / count key visits, and a
 * large COUNT makes it cheaper.
 */
public final class ScanCursor {

    private ScanCursor() {
    }

    /** One call's keys and the cursor to continue from (0: the iteration is complete). */
    public record Page(List<String> keys, long next) {
    }

    /**
     * The page after {@code cursor} of {@code keys} (in any order) that {@code wanted} accepts: at most {@code count}
     * hashes' worth, in the order of {@code keys}.
     */
    public static Page page(List<String> keys, long cursor, int count, Predicate<String> wanted) {
        long[] hashes = new long[keys.size()];
        LongMaxHeap lowest = new LongMaxHeap(count);
        for (int i = 0; i < keys.size(); i++) {
            long h = hash(keys.get(i));
            hashes[i] = h;
            if (Long.compareUnsigned(h, cursor) > 0 && wanted.test(keys.get(i))) {
                lowest.offer(h);
            } else {
                hashes[i] = 0; // not a candidate: 0 is never above a cursor
            }
        }
        if (lowest.size() == 0) {
            return new Page(List.of(), 0);
        }
        long bound = lowest.max();
        List<String> page = new ArrayList<>();
        boolean more = false;
        for (int i = 0; i < keys.size(); i++) {
            if (Long.compareUnsigned(hashes[i], cursor) > 0) {
                if (Long.compareUnsigned(hashes[i], bound) <= 0) {
                    page.add(keys.get(i));
                } else {
                    more = true;
                }
            }
        }
        return new Page(page, more ? bound : 0);
    }

    /**
     * A key's position: FNV-1a over its UTF-16 code units, then MurmurHash3's 64-bit finalizer to spread it; never
     * 0, the cursor that starts and ends an iteration. Fixed, so a cursor stays valid across restarts.
     */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** The {@code capacity} lowest values offered (unsigned), with the highest of them on top. */
    private static final class LongMaxHeap {
        private final long[] heap;
        private int size;

        LongMaxHeap(int capacity) {
            heap = new long[capacity];
        }

        void offer(long value) {
            if (size < heap.length) {
                heap[size] = value;
                up(size++);
            } else if (Long.compareUnsigned(value, heap[0]) < 0) {
                heap[0] = value;
                down(0);
            }
        }

        int size() {
            return size;
        }

        long max() {
            return heap[0];
        }

        private void up(int i) {
            while (i > 0 && Long.compareUnsigned(heap[(i - 1) / 2], heap[i]) < 0) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        }

        private void down(int i) {
            while (true) {
                int largest = i;
                for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                    if (Long.compareUnsigned(heap[child], heap[largest]) > 0) {
                        largest = child;
                    }
                }
                if (largest == i) {
                    return;
                }
                swap(i, largest);
                i = largest;
            }
        }

        private void swap(int a, int b) {
            long t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }
}
