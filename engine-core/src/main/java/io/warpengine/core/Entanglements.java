package io.warpengine.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The declared entanglements: for each primary key, the keys it is entangled with and how strongly. Written by
 * one thread at a time (the writer role, or recovery before the engine opens), read by any: each primary's links
 * are an immutable array, replaced whole, so a reader sees a primary's links before or after a change, never
 * half of one.
 */
public final class Entanglements {

    /** One entanglement of a primary: the related key and its strength in (0, 1]. */
    public record Link(String key, float strength) {
    }

    /** Strongest first; equal strengths by key, so the order never depends on the order of declaration. */
    private static final Comparator<Link> STRONGEST_FIRST =
            Comparator.comparingDouble((Link l) -> -l.strength()).thenComparing(Link::key);
    private static final Link[] NONE = new Link[0];

    private final ConcurrentHashMap<String, Link[]> byPrimary = new ConcurrentHashMap<>();
    /** Writer only: each related key's primaries, with their strengths (what gravity places it by). */
    private final HashMap<String, HashMap<String, Float>> primariesOf = new HashMap<>();

    /** Any thread. The links of {@code primary}, strongest first (empty when it has none); do not modify. */
    public Link[] of(String primary) {
        Link[] links = byPrimary.get(primary);
        return links == null ? NONE : links;
    }

    /** Any thread. How many keys {@code primary} is entangled with after also entangling it with {@code more}. */
    public int countWith(String primary, Collection<String> more) {
        Set<String> keys = new HashSet<>(more);
        for (Link link : of(primary)) {
            keys.add(link.key());
        }
        return keys.size();
    }

    /** Writer only. Entangles {@code primary} with each of {@code related} at {@code strength} (replacing a pair's old strength). */
    public void entangle(String primary, List<String> related, float strength) {
        Map<String, Link> links = current(primary);
        for (String key : related) {
            links.put(key, new Link(key, strength));
            primariesOf.computeIfAbsent(key, k -> new HashMap<>()).put(primary, strength);
        }
        store(primary, links);
    }

    /** Writer only. Removes the entanglements of {@code primary} with each of {@code related}. */
    public void disentangle(String primary, List<String> related) {
        Map<String, Link> links = current(primary);
        for (String key : related) {
            links.remove(key);
            HashMap<String, Float> primaries = primariesOf.get(key);
            if (primaries != null && primaries.remove(primary) != null && primaries.isEmpty()) {
                primariesOf.remove(key);
            }
        }
        store(primary, links);
    }

    /**
     * Writer only. The primary {@code key} is most strongly entangled with (equal strengths: the smallest primary,
     * so the answer never depends on the order of declaration), or null when no primary names it.
     */
    public String strongestPrimaryOf(String key) {
        HashMap<String, Float> primaries = primariesOf.get(key);
        if (primaries == null) {
            return null;
        }
        String best = null;
        float bestStrength = 0;
        for (Map.Entry<String, Float> e : primaries.entrySet()) {
            float strength = e.getValue();
            if (best == null || strength > bestStrength || (strength == bestStrength && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestStrength = strength;
            }
        }
        return best;
    }

    /** Writer only. Every key some primary is entangled with. */
    public Set<String> relatedKeys() {
        return primariesOf.keySet();
    }

    /** Number of primaries with at least one link. */
    public int primaries() {
        return byPrimary.size();
    }

    /** Number of (primary, related) pairs. */
    public long pairs() {
        long pairs = 0;
        for (Link[] links : byPrimary.values()) {
            pairs += links.length;
        }
        return pairs;
    }

    /** Any thread, beside the writer: visits each primary with its links (weakly consistent, as the stores). */
    public void forEach(BiConsumer<String, Link[]> visitor) {
        byPrimary.forEach(visitor);
    }

    /** The pairs as nested maps, primaries in no particular order (for tests and tools). */
    public Map<String, Map<String, Float>> asMap() {
        Map<String, Map<String, Float>> all = new LinkedHashMap<>();
        byPrimary.forEach((primary, links) -> {
            Map<String, Float> m = new LinkedHashMap<>();
            for (Link link : links) {
                m.put(link.key(), link.strength());
            }
            all.put(primary, m);
        });
        return all;
    }

    private Map<String, Link> current(String primary) {
        Map<String, Link> links = new LinkedHashMap<>();
        for (Link link : of(primary)) {
            links.put(link.key(), link);
        }
        return links;
    }

    private void store(String primary, Map<String, Link> links) {
        if (links.isEmpty()) {
            byPrimary.remove(primary);
            return;
        }
        Link[] sorted = new ArrayList<>(links.values()).toArray(NONE);
        Arrays.sort(sorted, STRONGEST_FIRST);
        byPrimary.put(primary, sorted);
    }
}
