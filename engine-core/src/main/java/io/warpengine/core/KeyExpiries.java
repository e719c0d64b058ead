package io.warpengine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.BiConsumer;

/**
 * The expiry times of the keys that have one (ms since the epoch), and the same ordered by time for the reaper.
 * A key is expired at time {@code t} when its expiry time is at or before {@code t}: reads then treat it as
 * absent at once, and a journaled reap deletes it later. Written by one thread at a time (the writer role, a replay:
 * recovery or the journal tool, see {@link KeyReplay}), read by any. An engine that never sets an expiry keeps this
 * empty, and a read pays one volatile read ({@link #any()}).
 */
public final class KeyExpiries {

    /** A key's expiry time, ordered by time then key: the reaper's view. */
    private record Due(long atMillis, String key) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int byTime = Long.compare(atMillis, o.atMillis);
            return byTime != 0 ? byTime : key.compareTo(o.key);
        }
    }

    private final ConcurrentHashMap<String, Long> byKey = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> byTime = new ConcurrentSkipListSet<>();
    /** Whether any key has an expiry; set before the first is added, cleared after the last is removed. */
    private volatile boolean any;

    /** Any thread. Whether any key has an expiry time. */
    public boolean any() {
        return any;
    }

    /** Any thread. {@code key}'s expiry time, or 0 when it has none. */
    public long of(String key) {
        if (!any) {
            return 0;
        }
        Long at = byKey.get(key);
        return at == null ? 0 : at;
    }

    /** Any thread. Whether {@code key} has an expiry time at or before {@code nowMillis}. */
    public boolean expired(String key, long nowMillis) {
        long at = of(key);
        return at != 0 && at <= nowMillis;
    }

    /** Writer only. Gives {@code key} the expiry time {@code atMillis}, or removes its expiry when 0. */
    public void set(String key, long atMillis) {
        if (atMillis == 0) {
            remove(key);
            return;
        }
        any = true;
        Long old = byKey.put(key, atMillis);
        if (old != null) {
            byTime.remove(new Due(old, key));
        }
        byTime.add(new Due(atMillis, key));
    }

    /** Writer only. {@code key} no longer expires (it was deleted, or written without an expiry). */
    public void remove(String key) {
        if (!any) {
            return;
        }
        Long old = byKey.remove(key);
        if (old != null) {
            byTime.remove(new Due(old, key));
            if (byKey.isEmpty()) {
                any = false;
            }
        }
    }

    /**
     * Any thread (the reaper). Up to {@code max} keys whose expiry time is at or before {@code nowMillis}, soonest
     * first (weakly consistent: the writer may change them meanwhile, which the reap entry's check absorbs).
     */
    public List<String> due(long nowMillis, int max) {
        List<String> keys = new ArrayList<>();
        for (Due due : byTime) {
            if (due.atMillis > nowMillis || keys.size() == max) {
                break;
            }
            keys.add(due.key);
        }
        return keys;
    }

    /** Keys with an expiry time. */
    public int size() {
        return byKey.size();
    }

    /** Any thread, beside the writer: visits every key with its expiry time (weakly consistent, as the stores). */
    public void forEach(BiConsumer<String, Long> visitor) {
        byKey.forEach(visitor);
    }

    /** Recovery only: adds every entry of {@code staged}. */
    public void loadAll(Map<String, Long> staged) {
        staged.forEach(this::set);
    }
}
