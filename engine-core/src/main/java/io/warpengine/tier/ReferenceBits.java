package io.warpengine.tier;

/**
 * The CLOCK policy's "referenced" bits: one bit per hash bucket of keys, set by reads and cleared by the demoter
 * as it passes. A bit stands for every key hashing to it, so a key may borrow a neighbour's second chance; with
 * about one bit per key that costs little hit ratio ({@code ./warp bench policy} measured CLOCK against LRU and
 * W-TinyLFU). Plain reads and writes: a lost update only costs one second chance, and a read that finds its bit
 * set writes nothing, so hot keys do not bounce a cache line between cores.
 */
final class ReferenceBits {

    private final long[] words;
    private final int mask;

    /** About {@code bits} bits (rounded up to a power of two, at least 64). */
    ReferenceBits(long bits) {
        int words = (int) Math.max(1, Long.highestOneBit(Math.max(64, Math.min(bits, 1L << 30)) - 1) << 1 >>> 6);
        this.words = new long[words];
        this.mask = words - 1;
    }

    /** Sets {@code key}'s bit; true if it was set already (the key was read since the demoter last passed it). */
    boolean mark(String key) {
        int h = hash(key);
        int i = (h >>> 6) & mask;
        long bit = 1L << h;
        long word = words[i];
        if ((word & bit) != 0) {
            return true;
        }
        words[i] = word | bit;
        return false;
    }

    /** Clears {@code key}'s bit; true if it was set. */
    boolean clear(String key) {
        int h = hash(key);
        int i = (h >>> 6) & mask;
        long bit = 1L << h;
        long word = words[i];
        if ((word & bit) == 0) {
            return false;
        }
        words[i] = word & ~bit;
        return true;
    }

    private static int hash(String key) {
        return key.hashCode() * 0x9E3779B9; // spreads String's hash over the high bits that pick the word
    }
}
