package io.warpengine.tier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The keys of a tiered store and the form each value is held in, in a few large arrays instead of a map node and
 * a String per key: open addressing over a {@code long[]} of slots (where the key's bytes lie, and its hash), a
 * parallel {@code Object[]} of forms, and the keys' UTF-8 bytes in 1 MiB pages. About 35 bytes per key at 10M
 * keys, against about 120 for a {@code ConcurrentHashMap<String, Object>} with its key Strings (measured 32 and
 * 95 by a prototype, at the same lookup cost: both miss the cache at that size).
 *
 * <p>One writer ({@link #put}, {@link #remove}); any thread reads ({@link #get}), iterates, and changes a form by
 * compare-and-set ({@link #replace}). A new key's form is written before its slot, both with release semantics,
 * and readers acquire the slot first, so a reader that finds a key finds its form. A removed key keeps its slot
 * with a null form (a tombstone, reused if the key comes back). When keys and tombstones fill three quarters of
 * the slots, the writer copies the live keys into a new table: it links the new table from the old one, copies
 * each key, and then swaps the old slot's form for {@link #MOVED} by compare-and-set (retrying with the form a
 * concurrent compare-and-set left), so a reader or compare-and-set that meets {@code MOVED} goes on in the new
 * table, which already holds the key. Then the new table is published.
 *
 * <p>Iteration is weakly consistent, as {@code ConcurrentHashMap}'s: every key present throughout is visited once
 * (it is in the table the iteration started on), with a form it held during the iteration.
 */
final class TierIndex {

    private static final int PAGE_BITS = 20;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MAX_PAGES = 1 << (32 - PAGE_BITS);
    private static final double MAX_LOAD = 0.75;
    /** The form of a key copied to the next table: look there. */
    private static final Object MOVED = new Object();
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle FORMS = MethodHandles.arrayElementVarHandle(Object[].class);

    private volatile Table table;
    /** The demoter's CLOCK hand: the slot it looks at next (its thread only). */
    private int hand;

    TierIndex(int expectedKeys) {
        table = new Table(capacityFor(expectedKeys));
    }

    /** Writer only. Sets {@code key}'s form; returns the form it replaced, or null. */
    Object put(String key, Object form) {
        Table t = table;
        int hash = key.hashCode();
        int at = t.find(key, hash);
        if (at >= 0) {
            Object old = FORMS.getAndSet(t.forms, at, form);
            if (old == null) {
                t.live++;
            }
            return old;
        }
        if (t.used + 1 > t.forms.length * MAX_LOAD) {
            t = rebuild(t);
            at = t.find(key, hash);
        }
        t.insert(-at - 1, key.getBytes(StandardCharsets.UTF_8), hash, form);
        return null;
    }

    /** Writer only. Removes {@code key}; returns its form, or null if it had none. */
    Object remove(String key) {
        Table t = table;
        int at = t.find(key, key.hashCode());
        if (at < 0) {
            return null;
        }
        Object old = FORMS.getAndSet(t.forms, at, null);
        if (old != null) {
            t.live--;
        }
        return old;
    }

    /** Any thread. {@code key}'s form, or null. */
    Object get(String key) {
        int hash = key.hashCode();
        for (Table t = table; ; t = t.next) {
            int at = t.find(key, hash);
            if (at < 0) {
                return null;
            }
            Object form = FORMS.getAcquire(t.forms, at);
            if (form != MOVED) {
                return form;
            }
        }
    }

    /** Any thread. Replaces {@code key}'s form {@code expected} (by identity) with {@code update}; false if it changed. */
    boolean replace(String key, Object expected, Object update) {
        int hash = key.hashCode();
        for (Table t = table; ; t = t.next) {
            int at = t.find(key, hash);
            if (at < 0) {
                return false;
            }
            Object form = FORMS.getAcquire(t.forms, at);
            if (form != MOVED) {
                return form == expected && FORMS.compareAndSet(t.forms, at, expected, update);
            }
        }
    }

    /** Any thread, beside the writer: every key with its form (weakly consistent, see the class comment). */
    void forEach(BiConsumer<String, Object> visitor) {
        Table t = table;
        for (int at = 0; at < t.slots.length; at++) {
            long slot = (long) SLOTS.getAcquire(t.slots, at);
            if (slot != 0) {
                Object form = FORMS.getAcquire(t.forms, at);
                if (form == null) {
                    continue;
                }
                String key = t.key(slot);
                if (form == MOVED) {
                    form = get(key);
                    if (form == null) {
                        continue;
                    }
                }
                visitor.accept(key, form);
            }
        }
    }

    /**
     * Demoter only. Moves the CLOCK hand to the next key that has a form and returns it with the form, or null
     * after a whole turn found none.
     */
    Map.Entry<String, Object> advanceHand() {
        Table t = table;
        int slots = t.slots.length;
        for (int step = 0; step < slots; step++) {
            int at = (hand++) & (slots - 1);
            long slot = (long) SLOTS.getAcquire(t.slots, at);
            if (slot != 0) {
                Object form = FORMS.getAcquire(t.forms, at);
                if (form != null && form != MOVED) {
                    return Map.entry(t.key(slot), form);
                }
            }
        }
        return null;
    }

    /**
     * Writer only. Copies the live keys into a table half full (tombstones and their key bytes are left behind),
     * then publishes it; see the class comment for why nothing is lost beside readers and
     * compare-and-sets.
     */
    private Table rebuild(Table old) {
        Table fresh = new Table(capacityFor((old.live + 1) * 3L / 2)); // a load of 0.5: grows again at 0.75
        old.next = fresh;
        for (int at = 0; at < old.slots.length; at++) {
            long slot = old.slots[at];
            if (slot == 0) {
                continue;
            }
            Object form = FORMS.getVolatile(old.forms, at);
            if (form == null) {
                continue;
            }
            byte[] key = old.keyBytes(slot);
            int to = fresh.emptySlot((int) slot);
            fresh.insert(to, key, (int) slot, form);
            while (!FORMS.compareAndSet(old.forms, at, form, MOVED)) {
                form = FORMS.getVolatile(old.forms, at); // a compare-and-set came first: copy what it left
                FORMS.setRelease(fresh.forms, to, form);
            }
        }
        table = fresh;
        return fresh;
    }

    private static int capacityFor(long keys) {
        long slots = Math.max(16, (long) (keys / MAX_LOAD) + 1);
        if (slots > 1 << 30) {
            throw new IllegalStateException("a store's index holds at most " + (long) ((1 << 30) * MAX_LOAD) + " keys");
        }
        return Integer.highestOneBit((int) slots - 1) << 1;
    }

    /** One generation of the index: its slots, forms and key pages. */
    private static final class Table {
        /** Per slot: the key's reference (page and offset, plus one) in the high 32 bits, its hash in the low; 0 empty. */
        final long[] slots;
        final Object[] forms;
        final byte[][] pages = new byte[MAX_PAGES][];
        final int mask;
        /** The table this one is being copied into, set before the first {@link #MOVED}. */
        volatile Table next;
        // Writer only:
        int used;
        int live;
        private int page = -1;
        private int pageEnd = PAGE;

        Table(int capacity) {
            slots = new long[capacity];
            forms = new Object[capacity];
            mask = capacity - 1;
        }

        /** The slot holding {@code key}, or -(the empty slot where it would go) - 1. */
        int find(String key, int hash) {
            for (int at = spread(hash) & mask; ; at = (at + 1) & mask) {
                long slot = (long) SLOTS.getAcquire(slots, at);
                if (slot == 0) {
                    return -at - 1;
                }
                if ((int) slot == hash && equal(slot, key)) {
                    return at;
                }
            }
        }

        /** Writer only, copying into a fresh table (whose keys are all distinct): the empty slot for {@code hash}. */
        int emptySlot(int hash) {
            for (int at = spread(hash) & mask; ; at = (at + 1) & mask) {
                if (slots[at] == 0) {
                    return at;
                }
            }
        }

        /** Writer only. Stores a new key at the empty slot {@code at}: its form first, then its slot (release). */
        void insert(int at, byte[] key, int hash, Object form) {
            long ref = append(key);
            FORMS.setRelease(forms, at, form);
            SLOTS.setRelease(slots, at, ref << 32 | (hash & 0xFFFF_FFFFL));
            used++;
            if (form != null) {
                live++;
            }
        }

        /** Writer only. Appends a key (length as a varint, then its bytes) to the pages; returns its reference. */
        private long append(byte[] key) {
            int need = key.length + 3;
            if (pageEnd + need > PAGE) {
                if (page + 1 == MAX_PAGES) {
                    throw new IllegalStateException("a store's index holds at most " + MAX_PAGES + " MiB of keys");
                }
                pages[++page] = new byte[PAGE];
                pageEnd = page == 0 ? 1 : 0; // reference 0 would read as an empty slot: offset 0 of page 0 is unused
            }
            byte[] p = pages[page];
            int start = pageEnd;
            int n = key.length;
            int at = start;
            while (n >= 0x80) {
                p[at++] = (byte) (n | 0x80);
                n >>>= 7;
            }
            p[at++] = (byte) n;
            System.arraycopy(key, 0, p, at, key.length);
            pageEnd = at + key.length;
            return (long) page << PAGE_BITS | start;
        }

        private boolean equal(long slot, String key) {
            int ref = (int) (slot >>> 32);
            byte[] p = pages[ref >>> PAGE_BITS];
            long extent = extent(p, ref & (PAGE - 1));
            int at = (int) (extent >>> 32);
            int length = (int) extent;
            if (length == key.length()) { // ASCII keys compare char by byte, with no copy
                boolean ascii = true;
                for (int i = 0; i < length && ascii; i++) {
                    char c = key.charAt(i);
                    if (c >= 0x80) {
                        ascii = false;
                    } else if (p[at + i] != (byte) c) {
                        return false;
                    }
                }
                if (ascii) {
                    return true;
                }
            }
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            return utf8.length == length && Arrays.equals(p, at, at + length, utf8, 0, length);
        }

        byte[] keyBytes(long slot) {
            int ref = (int) (slot >>> 32);
            byte[] p = pages[ref >>> PAGE_BITS];
            long extent = extent(p, ref & (PAGE - 1));
            int at = (int) (extent >>> 32);
            return Arrays.copyOfRange(p, at, at + (int) extent);
        }

        /** The key written at {@code offset} of {@code page} ({@link #append}): its bytes' start (high), length (low). */
        private static long extent(byte[] page, int offset) {
            int at = offset;
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = page[at++];
                length |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return (long) at << 32 | length;
                }
            }
        }

        String key(long slot) {
            return new String(keyBytes(slot), StandardCharsets.UTF_8);
        }

        private static int spread(int hash) {
            int h = hash * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
