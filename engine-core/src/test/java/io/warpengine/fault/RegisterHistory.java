package io.warpengine.fault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * A recorded history of calls on a key-value store, checked against a linearizable model in which every key is a
 * register. A put writes a value unique in the whole history; a delete writes "absent" (and when it reports whether
 * the key existed it also reads); a call that touches several keys (a batch, a multi-key read) does all of it at one
 * instant. Values are {@code long}s: {@link #ABSENT}, or an id that {@link #valueName} shows as {@code t<thread>#<n>}.
 *
 * <p>{@link #check} reports (each report is a real violation of the model; what it does not report may still be
 * one, see the end):
 * <ul>
 *   <li>a read of a value no write of that key wrote, including a value a batch wrote to a key and then overwrote
 *       in the same batch (the last write of a key in a batch wins), or a read that returned before its write was
 *       invoked;</li>
 *   <li>per key, that no order of all its operations, each placed at one instant within its bounds, is a legal
 *       register history: the Wing-Gong search with Lowe's just-in-time linearization and a memo of (operations
 *       placed, register value), complete for one key. A call's bounds are its invocation and response, narrowed
 *       by what was read in the whole history (see {@link #narrow}): a read is after its write's invocation, and a
 *       write (every key of a batch) before the earliest response of a read that saw it. So a multi-key read that
 *       saw one key after a write that was invoked once another key's newer value was in effect, or two plain gets
 *       in sequence that saw one key of a batch and then another key from before it, fail here, on one key;</li>
 *   <li>a multi-key read that saw a batch's write of one key and, of another key the batch wrote, a value every
 *       linearization of that key orders before the batch's write (a partial batch: the read and the batch overlap
 *       on each key, so this takes a check across keys);</li>
 *   <li>engine sequences (when recorded) that repeat or contradict real time, and a metadata read that gives a
 *       value's write another sequence than the write returned.</li>
 * </ul>
 * Not decided (a linearization of the whole history exists, which is NP-complete in general): orders that involve
 * only writes across keys (two batches ordered one way on one key and the other way on another, with no read to
 * witness it), two multi-key reads that saw two keys' writes in opposite orders while overlapping everything else,
 * and consequences of the narrowed bounds beyond one step (they are not iterated to a fixed point).
 */
final class RegisterHistory {

    /** The register value "no value". Ids of written values are never 0. */
    static final long ABSENT = 0;

    private static final long FAIL = Long.MIN_VALUE;
    private static final int MAX_FAILURES = 10;

    /**
     * One call of the store's API: invoked and returned once, and linearized at one instant for all its keys. Built
     * by the thread that made it (and the one that completed its future); complete when added to a history.
     */
    static final class Call {
        private static final Effect[] NONE = new Effect[0];

        final String label;
        final long invoked;
        private volatile long returned = -1;
        private volatile long sequence;
        /** One per key; a later write of a key in the same call replaces the earlier one (the last one wins). */
        private Effect[] effects = NONE;
        /** Writes replaced by a later write of their key in the same call: no reader may see them. */
        private Effect[] overwritten = NONE;
        /**
         * Where every linearization places this call, narrowed by what was read (see {@link #narrow}): after
         * {@code lo} and before {@code hi}; the calls that narrowed them, if any.
         */
        private long lo;
        private long hi;
        private Call loBy;
        private Call hiBy;

        Call(String label, long invoked) {
            this.label = label;
            this.invoked = invoked;
        }

        /** A put of {@code value}. */
        Call write(String key, long value) {
            if (value == ABSENT) {
                throw new IllegalArgumentException("a put writes a value; use delete");
            }
            return set(new Effect(this, key, true, value, null, 0));
        }

        /** A delete whose result is not known (yet). */
        Call delete(String key) {
            return set(new Effect(this, key, true, ABSENT, null, 0));
        }

        /** A delete that reported whether {@code key} existed. */
        Call deleted(String key, boolean existed) {
            return set(new Effect(this, key, true, ABSENT, existed, 0));
        }

        /** A read of {@code key} that saw {@code seen}. */
        Call read(String key, long seen) {
            return read(key, seen, 0);
        }

        /** A read that saw {@code seen} and reported it was written by the entry of engine sequence {@code sequence}. */
        Call read(String key, long seen, long sequence) {
            return set(new Effect(this, key, false, seen, null, sequence));
        }

        /** The engine sequence a write call returned. */
        Call sequence(long sequence) {
            this.sequence = sequence;
            return this;
        }

        Call returned(long nanos) {
            this.returned = nanos;
            return this;
        }

        private synchronized Call set(Effect effect) {
            for (int i = 0; i < effects.length; i++) {
                if (effects[i].key.equals(effect.key)) {
                    if (effects[i].write && effects[i].value != ABSENT && effect.write) {
                        overwritten = Arrays.copyOf(overwritten, overwritten.length + 1);
                        overwritten[overwritten.length - 1] = effects[i];
                    }
                    effects[i] = effect;
                    return this;
                }
            }
            effects = Arrays.copyOf(effects, effects.length + 1);
            effects[effects.length - 1] = effect;
            return this;
        }

        synchronized Effect[] effects() {
            return effects;
        }

        synchronized Effect[] overwritten() {
            return overwritten;
        }

        /** This call's effect on {@code key}, or null. */
        Effect on(String key) {
            for (Effect e : effects()) {
                if (e.key.equals(key)) {
                    return e;
                }
            }
            return null;
        }

        /** This call with its read of {@code key} replaced by a read of {@code seen}. */
        Call withRead(String key, long seen) {
            Call copy = new Call(label + " (made stale)", invoked);
            copy.returned = returned;
            copy.sequence = sequence;
            for (Effect e : effects()) {
                copy.set(e.key.equals(key) ? new Effect(copy, key, false, seen, null, 0)
                        : new Effect(copy, e.key, e.write, e.value, e.existed, e.claimedSequence));
            }
            return copy;
        }
    }

    /** What a call did to one key. */
    static final class Effect {
        final Call call;
        final String key;
        final boolean write;
        /** The value written (ABSENT for a delete) or the value seen. */
        final long value;
        /** For a delete: whether it reported the key existed; null when it reported nothing. */
        final Boolean existed;
        /** For a read: the engine sequence it reported for the value's write (0 when none). */
        final long claimedSequence;

        Effect(Call call, String key, boolean write, long value, Boolean existed, long claimedSequence) {
            this.call = call;
            this.key = key;
            this.write = write;
            this.value = value;
            this.existed = existed;
            this.claimedSequence = claimedSequence;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Long> initial = new HashMap<>();
    private final Map<String, Long> initialSequence = new HashMap<>();
    private long origin = Long.MAX_VALUE;
    private LongFunction<String> provenance = v -> null;

    /** The value {@code key} held before every call of this history (ABSENT when not given). */
    RegisterHistory initial(String key, long value, long sequence) {
        initial.put(key, value);
        initialSequence.put(key, sequence);
        return this;
    }

    /** Where a value not written in this history came from, for messages (null when unknown). */
    RegisterHistory provenance(LongFunction<String> whereFrom) {
        this.provenance = whereFrom;
        return this;
    }

    RegisterHistory add(Call call) {
        if (call.returned < call.invoked) {
            throw new IllegalArgumentException(call.label + " never returned (or returned before it was invoked)");
        }
        call.lo = call.invoked;
        call.hi = call.returned;
        calls.add(call);
        origin = Math.min(origin, call.invoked);
        return this;
    }

    RegisterHistory addAll(Collection<Call> more) {
        more.forEach(this::add);
        return this;
    }

    int size() {
        return calls.size();
    }

    /** {@code t<thread>#<n>} for an id made as {@code (thread + 1) << 32 | n}, "absent" for {@link #ABSENT}. */
    static String valueName(long value) {
        if (value == ABSENT) {
            return "absent";
        }
        return "t" + ((value >>> 32) - 1) + "#" + (value & 0xffffffffL);
    }

    /** Every violation found (at most a few, each a self-contained message); empty when the history passes. */
    List<String> check() {
        Map<String, List<Effect>> byKey = byKey();
        Set<String> keys = new TreeSet<>(initial.keySet());
        keys.addAll(byKey.keySet());
        List<String> failures = new ArrayList<>(checkSequences());
        List<String> registers = checkRegisters(keys, byKey);
        failures.addAll(registers);
        Map<String, KeyWrites> writes = keys.parallelStream().collect(Collectors.toMap(key -> key,
                key -> new KeyWrites(initial.getOrDefault(key, ABSENT), byKey.getOrDefault(key, List.of()))));
        failures.addAll(checkSequenceClaims(writes));
        if (registers.isEmpty()) { // else the orders it derives explain nothing more
            failures.addAll(checkBatchesReadWhole(writes));
        }
        return failures.size() > MAX_FAILURES ? new ArrayList<>(failures.subList(0, MAX_FAILURES)) : failures;
    }

    /** Only the per-key part of {@link #check()}: whether each of {@code keys} alone is a linearizable register. */
    List<String> checkRegisters(Collection<String> keys) {
        return checkRegisters(keys, byKey());
    }

    private List<String> checkRegisters(Collection<String> keys, Map<String, List<Effect>> byKey) {
        List<String> failures = keys.parallelStream()
                .map(key -> checkValues(key, byKey.getOrDefault(key, List.of())))
                .filter(f -> f != null).sorted().collect(Collectors.toList());
        if (!failures.isEmpty()) {
            return failures;
        }
        narrow(byKey);
        return keys.parallelStream()
                .map(key -> linearize(key, initial.getOrDefault(key, ABSENT), byKey.getOrDefault(key, List.of())))
                .filter(f -> f != null).sorted().collect(Collectors.toList());
    }

    /**
     * What was read narrows where a call can be, in every linearization of the whole history: a read comes after
     * the write it saw, so after that write's invocation (a multi-key read is one instant, so this holds for all its
     * keys); and a write comes before every read that saw it, so before the earliest such response (a batch is one
     * instant, so this holds for all its keys: once a reader of one key saw the batch, a read of another of its keys
     * that starts later must see it too). The per-key search then places each call within these bounds.
     */
    private void narrow(Map<String, List<Effect>> byKey) {
        for (Call c : calls) {
            c.lo = c.invoked;
            c.hi = c.returned;
            c.loBy = null;
            c.hiBy = null;
        }
        for (List<Effect> effects : byKey.values()) {
            Map<Long, Call> writers = new HashMap<>();
            for (Effect e : effects) {
                if (e.write && e.value != ABSENT) {
                    writers.put(e.value, e.call);
                }
            }
            for (Effect read : effects) {
                Call w = read.write || read.value == ABSENT ? null : writers.get(read.value);
                if (w == null || read.call.returned < w.invoked) {
                    continue; // the value before the history, or a read from the future (checkValues says so)
                }
                if (read.call.returned < w.hi) {
                    w.hi = read.call.returned;
                    w.hiBy = read.call;
                }
                if (w.invoked > read.call.lo) {
                    read.call.lo = w.invoked;
                    read.call.loBy = w;
                }
            }
        }
    }

    /**
     * A copy of this history in which one single-key read of {@code key} is made stale: it sees a write that every
     * linearization orders before another write that returned before the read was invoked. Null when the history
     * holds no such pair of writes before a read.
     */
    RegisterHistory withAStaleRead(String key) {
        List<Effect> effects = byKey().getOrDefault(key, List.of());
        List<Effect> puts = effects.stream().filter(e -> e.write).sorted(Comparator.comparingLong(e -> e.call.returned))
                .collect(Collectors.toList());
        for (Effect read : effects) {
            if (read.write || read.call.effects().length != 1) {
                continue;
            }
            Effect later = null; // the write invoked last among those that returned before the read was invoked
            for (Effect w : puts) {
                if (w.call.returned < read.call.invoked && (later == null || w.call.invoked > later.call.invoked)) {
                    later = w;
                }
            }
            if (later == null) {
                continue;
            }
            for (Effect stale : puts) {
                if (stale.value != ABSENT && stale.value != read.value && stale.call.returned < later.call.invoked) {
                    RegisterHistory mutant = new RegisterHistory();
                    mutant.initial.putAll(initial);
                    mutant.initialSequence.putAll(initialSequence);
                    for (Call c : calls) {
                        mutant.add(c == read.call ? c.withRead(key, stale.value) : c);
                    }
                    return mutant;
                }
            }
        }
        return null;
    }

    private Map<String, List<Effect>> byKey() {
        Map<String, List<Effect>> byKey = new HashMap<>();
        for (Call c : calls) {
            for (Effect e : c.effects()) {
                byKey.computeIfAbsent(e.key, k -> new ArrayList<>()).add(e);
            }
        }
        return byKey;
    }

    // ---------------------------------------------------------------------------------------------- per key

    /** Reads of values nobody wrote to this key, and reads that returned before their write was invoked. */
    private String checkValues(String key, List<Effect> effects) {
        Map<Long, Effect> writers = new HashMap<>();
        for (Effect e : effects) {
            if (e.write && e.value != ABSENT) {
                Effect before = writers.put(e.value, e);
                if (before != null) {
                    throw new IllegalArgumentException("value " + valueName(e.value) + " written twice to " + key
                            + ": " + describe(before.call) + " and " + describe(e.call) + "; values must be unique");
                }
            }
        }
        long start = initial.getOrDefault(key, ABSENT);
        for (Effect e : effects) {
            if (e.write || e.value == ABSENT || e.value == start) {
                continue;
            }
            Effect w = writers.get(e.value);
            if (w == null) {
                for (Call c : calls) {
                    for (Effect o : c.overwritten()) {
                        if (o.key.equals(key) && o.value == e.value) {
                            return "key " + key + ": " + describe(e.call) + " saw " + valueName(e.value)
                                    + ", a value that " + describe(c) + " wrote to " + key + " and then overwrote in"
                                    + " the same call: the last write of a key in a batch wins, and no reader may see"
                                    + " an earlier one";
                        }
                    }
                }
                return "key " + key + ": " + describe(e.call) + " saw " + valueName(e.value)
                        + ", which no write of " + key + " in this history wrote (and " + key + " held "
                        + valueName(start) + " before it)" + Optional.ofNullable(provenance.apply(e.value))
                        .map(p -> "; " + valueName(e.value) + " was " + p).orElse("");
            }
            if (e.call.returned < w.call.invoked) {
                return "key " + key + ": " + describe(e.call) + " saw " + valueName(e.value)
                        + " before its write was invoked: " + describe(w.call);
            }
        }
        return null;
    }

    private static long step(long state, Effect e) {
        if (!e.write) {
            return state == e.value ? state : FAIL;
        }
        if (e.existed != null && e.existed != (state != ABSENT)) {
            return FAIL;
        }
        return e.value;
    }

    /** A call or return event of one operation, in a doubly linked list ordered by time. */
    private static final class Node {
        final int op;
        final boolean call;
        final long time;
        Node match;
        Node prev;
        Node next;

        Node(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    /** A state of the search: the operations placed (as the first unplaced index and the set above it) and the value. */
    private static final class Memo {
        final int first;
        final long[] above;
        final long state;
        final int hash;

        Memo(int first, BitSet placed, long state) {
            this.first = first;
            this.above = placed.get(first, Math.max(first, placed.length())).toLongArray();
            this.state = state;
            this.hash = (Arrays.hashCode(above) * 31 + first) * 31 + Long.hashCode(state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Memo m && m.first == first && m.state == state && Arrays.equals(m.above, above);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Frame(Node call, long stateBefore, int firstBefore) {
    }

    /**
     * Wing and Gong's search with Lowe's just-in-time linearization: walk the events in time order; at an
     * operation's invocation, try to place it now (if the register allows it, and the resulting state was not
     * met before); at the response of an operation not yet placed, undo the last placement. Null when every
     * operation is placed, else why not.
     */
    private String linearize(String key, long start, List<Effect> unordered) {
        if (unordered.isEmpty()) {
            return null;
        }
        List<Effect> ops = new ArrayList<>(unordered);
        ops.sort(Comparator.<Effect>comparingLong(e -> e.call.lo).thenComparingLong(e -> e.call.hi));
        int n = ops.size();
        List<Node> events = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            Node call = new Node(i, true, ops.get(i).call.lo);
            Node ret = new Node(i, false, ops.get(i).call.hi);
            call.match = ret;
            ret.match = call;
            events.add(call);
            events.add(ret);
        }
        // At equal times an invocation comes first: the two operations then overlap, the weaker assumption.
        events.sort(Comparator.<Node>comparingLong(e -> e.time).thenComparing(e -> !e.call).thenComparingInt(e -> e.op));
        Node head = new Node(-1, true, Long.MIN_VALUE);
        Node last = head;
        for (Node e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        BitSet placed = new BitSet(n);
        int first = 0;
        long state = start;
        Set<Memo> seen = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int deepest = -1;
        int stuckOp = -1;
        long stuckState = start;
        BitSet stuckPlaced = null;
        List<Integer> stuckLastPlaced = List.of();
        Node entry = head.next;
        while (head.next != null) {
            if (entry.call) {
                long next = step(state, ops.get(entry.op));
                boolean placedIt = false;
                if (next != FAIL) {
                    int firstBefore = first;
                    placed.set(entry.op);
                    if (entry.op == first) {
                        first = placed.nextClearBit(first);
                    }
                    if (seen.add(new Memo(first, placed, next))) {
                        stack.push(new Frame(entry, state, firstBefore));
                        state = next;
                        lift(entry);
                        entry = head.next;
                        placedIt = true;
                    } else {
                        placed.clear(entry.op);
                        first = firstBefore;
                    }
                }
                if (!placedIt) {
                    entry = entry.next;
                }
            } else {
                if (stack.size() > deepest) {
                    deepest = stack.size();
                    stuckOp = entry.op;
                    stuckState = state;
                    stuckPlaced = (BitSet) placed.clone();
                    stuckLastPlaced = stack.stream().limit(6).map(f -> f.call.op).collect(Collectors.toList());
                }
                if (stack.isEmpty()) {
                    return noLinearization(key, start, ops, deepest, stuckOp, stuckState, stuckPlaced, stuckLastPlaced);
                }
                Frame f = stack.pop();
                state = f.stateBefore;
                placed.clear(f.call.op);
                first = f.firstBefore;
                unlift(f.call);
                entry = f.call.next;
            }
        }
        return null;
    }

    private static void lift(Node call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Node ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Node call) {
        Node ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }

    private String noLinearization(String key, long start, List<Effect> ops, int deepest, int stuckOp, long stuckState,
                                   BitSet stuckPlaced, List<Integer> lastPlaced) {
        StringBuilder b = new StringBuilder();
        b.append("key ").append(key).append(": no linearization of its ").append(ops.size())
                .append(" operations as a register (it held ").append(valueName(start)).append(" before them).");
        b.append("\n    the longest order found places ").append(deepest).append(" of them");
        if (!lastPlaced.isEmpty()) {
            b.append(", ending with (last placed first):");
            for (int op : lastPlaced) {
                b.append("\n        ").append(describe(ops.get(op).call));
            }
        }
        Effect stuck = ops.get(stuckOp);
        b.append("\n    after which ").append(key).append(" holds ").append(valueName(stuckState))
                .append(", and this operation, which returned before any other could be placed, cannot be placed:")
                .append("\n        ").append(describe(stuck.call));
        if (!stuck.write && stuck.value != ABSENT && stuck.value != start) {
            for (Effect e : ops) {
                if (e.write && e.value == stuck.value) {
                    b.append("\n    the write of the value it saw: ").append(describe(e.call));
                }
            }
        }
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < ops.size() && ops.get(i).call.lo <= stuck.call.hi; i++) {
            if (i != stuckOp && !stuckPlaced.get(i)) {
                pending.add(describe(ops.get(i).call));
            }
        }
        b.append("\n    operations that may come before it and are not placed yet: ").append(pending.size());
        pending.stream().limit(12).forEach(p -> b.append("\n        ").append(p));
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------- across keys

    /** A write of one key (or its value before the history), with bounds on where any linearization puts it. */
    private final class Write {
        final Effect effect; // null: the value before the history
        final long value;
        /** The write is in effect no later than this: its response, or the response of a read that saw it. */
        long doneBy;
        Call doneByCall;
        /**
         * A write that was in effect before this time precedes this one: its invocation, or the invocation of a read
         * that saw it (this write was then the latest).
         */
        long latestBy;
        Call latestByCall;

        Write(Effect effect, long value) {
            this.effect = effect;
            this.value = value;
            if (effect == null) {
                doneBy = Long.MIN_VALUE;
                latestBy = Long.MIN_VALUE;
            } else {
                doneBy = effect.call.hi;
                doneByCall = effect.call.hiBy != null ? effect.call.hiBy : effect.call;
                latestBy = effect.call.lo;
                latestByCall = effect.call;
            }
        }

        /** True when every linearization of the key places this write before {@code later}. */
        boolean precedes(Write later) {
            return later != this && doneBy < later.latestBy;
        }

        String describeWrite(String key) {
            return effect == null ? "the value " + key + " held before the history (" + valueName(value) + ")"
                    : describe(effect.call);
        }

        /** Why this write precedes {@code later}. */
        String why(Write later) {
            String done = doneByCall == null ? "before the history"
                    : "at " + ms(doneBy) + " ms, when " + doneByCall.label
                    + (effect != null && doneByCall == effect.call ? " returned" : ", which read it (or its batch), returned");
            String bound = later.effect != null && later.latestByCall == later.effect.call
                    ? "the write of " + valueName(later.value) + " was invoked"
                    : later.latestByCall.label + ", which read " + valueName(later.value) + ", was placed after";
            return valueName(value) + " was in effect " + done + ", before " + bound + " at " + ms(later.latestBy) + " ms";
        }
    }

    private final class KeyWrites {
        final Map<Long, Write> byValue = new HashMap<>();
        final Map<Effect, Write> byEffect = new HashMap<>();
        /** Of the writes of "absent" (deletes, or the value before the history), the one done last. */
        Write absentLast;

        KeyWrites(long start, List<Effect> effects) {
            List<Write> all = new ArrayList<>();
            Write before = new Write(null, start);
            all.add(before);
            if (start != ABSENT) {
                byValue.put(start, before);
            }
            for (Effect e : effects) {
                if (e.write) {
                    Write w = new Write(e, e.value);
                    all.add(w);
                    byEffect.put(e, w);
                    if (e.value != ABSENT) {
                        byValue.put(e.value, w);
                    }
                }
            }
            for (Effect e : effects) {
                Write w = e.write || e.value == ABSENT ? null : byValue.get(e.value);
                if (w != null && w.effect != null) {
                    if (e.call.hi < w.doneBy) {
                        w.doneBy = e.call.hi;
                        w.doneByCall = e.call;
                    }
                    if (e.call.lo > w.latestBy) {
                        w.latestBy = e.call.lo;
                        w.latestByCall = e.call;
                    }
                }
            }
            for (Write w : all) {
                if (w.value == ABSENT && (absentLast == null || w.doneBy > absentLast.doneBy)) {
                    absentLast = w;
                }
            }
        }

        /**
         * What a read saw, when every write that may have produced it precedes {@code x}; else null. Of the writes
         * of "absent" only the one done last needs a test, unless {@code x} is one itself.
         */
        Write staleAgainst(long seen, Write x) {
            Write p = seen != ABSENT ? byValue.get(seen) : x.value == ABSENT ? null : absentLast;
            return p != null && p.precedes(x) ? p : null;
        }
    }

    /**
     * Multi-key reads that saw part of a batch: a batch is one instant, so a read that saw its write of one key is
     * after it, and on every other key the batch wrote must see that write or a later one. (The bounds of
     * {@link #narrow} already make every other view of two instants fail the per-key search; this one they cannot,
     * as the read and the batch overlap on each key.)
     */
    private List<String> checkBatchesReadWhole(Map<String, KeyWrites> writes) {
        List<String> failures = new ArrayList<>();
        for (Call g : calls) {
            Effect[] reads = g.effects();
            if (reads.length < 2 || Arrays.stream(reads).anyMatch(e -> e.write)) {
                continue;
            }
            for (Effect seenB : reads) {
                Write y = seenB.value == ABSENT ? null : writes.get(seenB.key).byValue.get(seenB.value);
                if (y == null || y.effect == null || y.effect.call.effects().length < 2) {
                    continue;
                }
                for (Effect seenA : reads) {
                    Effect sameCall = seenA == seenB ? null : y.effect.call.on(seenA.key);
                    if (sameCall == null) {
                        continue;
                    }
                    Write x = writes.get(seenA.key).byEffect.get(sameCall);
                    Write stale = writes.get(seenA.key).staleAgainst(seenA.value, x);
                    if (stale == null) {
                        continue;
                    }
                    failures.add("keys " + seenB.key + " and " + seenA.key + ": a partial batch: "
                            + describe(g) + " saw " + seenB.key + " -> " + valueName(seenB.value)
                            + " written by " + describe(y.effect.call) + ", which also wrote " + seenA.key
                            + " := " + valueName(x.value) + ", yet it saw " + seenA.key + " -> "
                            + valueName(seenA.value) + ", written by "
                            + (seenA.value == ABSENT ? "a delete (each precedes that batch's write; the last: "
                            + stale.describeWrite(seenA.key) + ")" : stale.describeWrite(seenA.key))
                            + ", which precedes that batch's write of " + seenA.key + ": "
                            + stale.why(x) + timeline(g, y.effect.call, stale, x));
                    if (failures.size() >= MAX_FAILURES) {
                        return failures;
                    }
                }
            }
        }
        return failures;
    }

    private String timeline(Call g, Call y, Write stale, Write x) {
        Map<String, Long> times = new LinkedHashMap<>();
        if (stale.doneByCall != null) {
            times.put("the stale value in effect by", stale.doneBy);
        }
        times.put("the later write's bound", x.latestBy);
        times.put("the read invoked", g.invoked);
        if (g.lo != g.invoked) {
            times.put("the read placed after", g.lo);
        }
        times.put("the read returned", g.returned);
        times.put("the write it saw invoked", y.invoked);
        return " [times, ms from the history's start: " + times.entrySet().stream()
                .map(e -> e.getKey() + " " + ms(e.getValue())).collect(Collectors.joining(", ")) + "]";
    }

    // ---------------------------------------------------------------------------------------------- sequences

    /** Engine sequences of writes: unique, and increasing with real time. */
    private List<String> checkSequences() {
        List<String> failures = new ArrayList<>();
        List<Call> sequenced = calls.stream().filter(c -> c.sequence > 0)
                .sorted(Comparator.comparingLong(c -> c.returned)).collect(Collectors.toList());
        Map<Long, Call> bySequence = new HashMap<>();
        for (Call c : sequenced) {
            Call other = bySequence.put(c.sequence, c);
            if (other != null && failures.size() < MAX_FAILURES) {
                failures.add("sequence " + c.sequence + " returned by two writes: " + describe(other) + " and "
                        + describe(c));
            }
        }
        long[] returned = sequenced.stream().mapToLong(c -> c.returned).toArray();
        Call[] highest = new Call[sequenced.size()];
        for (int i = 0; i < highest.length; i++) {
            Call c = sequenced.get(i);
            highest[i] = i > 0 && highest[i - 1].sequence > c.sequence ? highest[i - 1] : c;
        }
        for (Call c : sequenced) {
            int count = upperBound(returned, c.invoked - 1); // the calls that returned before c was invoked
            if (count > 0 && highest[count - 1].sequence >= c.sequence && failures.size() < MAX_FAILURES) {
                failures.add("sequence " + c.sequence + " of " + describe(c) + " is not above sequence "
                        + highest[count - 1].sequence + " of " + describe(highest[count - 1])
                        + ", which returned before it was invoked");
            }
        }
        return failures;
    }

    private static int upperBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A read that reports the sequence of its value's write must report the one that write returned. */
    private List<String> checkSequenceClaims(Map<String, KeyWrites> writes) {
        List<String> failures = new ArrayList<>();
        for (Call c : calls) {
            for (Effect e : c.effects()) {
                if (e.write || e.claimedSequence == 0 || e.value == ABSENT) {
                    continue;
                }
                Write w = writes.get(e.key).byValue.get(e.value);
                long actual = w == null ? 0 : w.effect == null ? initialSequence.getOrDefault(e.key, 0L)
                        : w.effect.call.sequence;
                if (actual != 0 && actual != e.claimedSequence && failures.size() < MAX_FAILURES) {
                    failures.add("key " + e.key + ": " + describe(c) + " says " + valueName(e.value)
                            + " was written at sequence " + e.claimedSequence + ", but its write returned sequence "
                            + actual + (w.effect == null ? " (before this history)" : ": " + describe(w.effect.call)));
                }
            }
        }
        return failures;
    }

    // ---------------------------------------------------------------------------------------------- messages

    /** A call: its label, effects, sequence, times, and the bounds what was read gives it (and which reads). */
    String describe(Call c) {
        StringBuilder b = brief(c, new StringBuilder());
        if (c.loBy != null || c.hiBy != null) {
            b.append(" (so placed within [").append(ms(c.lo)).append(", ").append(ms(c.hi)).append("]");
            if (c.loBy != null) {
                b.append(": after the invocation of the write it saw, ");
                brief(c.loBy, b);
            }
            if (c.hiBy != null) {
                b.append(c.loBy != null ? ";" : ":").append(" before the response of a read that saw its write, ");
                brief(c.hiBy, b);
            }
            b.append(')');
        }
        return b.toString();
    }

    private StringBuilder brief(Call c, StringBuilder b) {
        b.append(c.label).append(" {");
        Effect[] effects = c.effects();
        int shown = 0;
        for (Effect e : effects) {
            if (shown == 8) {
                b.append(", ... ").append(effects.length - shown).append(" more");
                break;
            }
            if (shown++ > 0) {
                b.append(", ");
            }
            b.append(e.key).append(e.write ? " := " : " -> ").append(valueName(e.value));
            if (e.existed != null) {
                b.append(e.existed ? " (existed)" : " (did not exist)");
            }
            if (e.claimedSequence != 0) {
                b.append(" (at sequence ").append(e.claimedSequence).append(')');
            }
        }
        b.append('}');
        if (c.sequence > 0) {
            b.append(" sequence ").append(c.sequence);
        }
        return b.append(" [").append(ms(c.invoked)).append(", ").append(ms(c.returned)).append("] ms");
    }

    private String ms(long nanos) {
        return nanos == Long.MIN_VALUE ? "start" : String.format(Locale.ROOT, "%.6f", (nanos - origin) / 1e6);
    }
}
