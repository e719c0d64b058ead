package io.warpengine.bench.policy;

import java.util.Arrays;

/**
 * CLOCK (second chance), as we would write it for the writer thread: the resident keys in a circular array with
 * one reference bit each. A hit only sets its key's bit, cheap enough for any reader thread. A miss moves the hand,
 * clearing the set bits it passes, to the first key whose bit is clear, and replaces that key; the hand then moves
 * past the newcomer, which is therefore the last key the hand reaches. A newcomer's bit starts clear: a key read
 * once (say, by a scan) gets no second chance; a key read again before the hand comes round keeps its place for one
 * more sweep.
 */
final class ClockPolicy implements CachePolicy {

    private static final int ABSENT = -1;

    private final int[] keyAt;
    private final boolean[] referenced;
    /**
     * Key to slot. Dense over the key space, as the slot would live beside the key's entry in the engine's own index:
     * the policy needs no hash table of its own, so its cost here leaves out a lookup the engine already does.
     */
    private final int[] slotOf;
    private int size;
    private int hand;

    ClockPolicy(int capacity, int keyCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        keyAt = new int[capacity];
        referenced = new boolean[capacity];
        slotOf = new int[keyCount];
        Arrays.fill(slotOf, ABSENT);
    }

    @Override
    public boolean access(int key) {
        int slot = slotOf[key];
        if (slot != ABSENT) {
            referenced[slot] = true;
            return true;
        }
        admit(key);
        return false;
    }

    private void admit(int key) {
        int slot;
        if (size < keyAt.length) {
            slot = size++;
        } else {
            while (referenced[hand]) {
                referenced[hand] = false;
                hand = next(hand);
            }
            slot = hand;
            slotOf[keyAt[slot]] = ABSENT;
            hand = next(hand);
        }
        keyAt[slot] = key;
        referenced[slot] = false;
        slotOf[key] = slot;
    }

    private int next(int slot) {
        return slot + 1 == keyAt.length ? 0 : slot + 1;
    }

    @Override
    public boolean contains(int key) {
        return slotOf[key] != ABSENT;
    }

    @Override
    public long size() {
        return size;
    }
}
