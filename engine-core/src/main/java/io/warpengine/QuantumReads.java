package io.warpengine;

import io.warpengine.core.CallGate;
import io.warpengine.core.Entanglements;
import io.warpengine.core.InputLimits;
import io.warpengine.core.ShardSet;
import io.warpengine.store.StoredValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code quantumGet}: a key's value and the values of the keys entangled with it, declared ({@link Entanglements})
 * or derived by the pattern rules, read at one point of the engine's sequence. Plain {@code get} does none of
 * this: it never looks at entanglements or rules.
 */
final class QuantumReads {

    /** Strongest first, then by key: the order of a result never depends on the order of declaration. */
    private static final Comparator<Candidate> STRONGEST_FIRST =
            Comparator.comparingDouble((Candidate c) -> -c.strength).thenComparing(c -> c.key);

    private final InputLimits limits;
    private final ShardSet shards;
    private final CallGate gate;
    private final KeyReads.ReadPoint readPoint;
    private final EntanglementRules rules;
    private final float minStrength;
    private final int maxEntangled;

    QuantumReads(InputLimits limits, ShardSet shards, CallGate gate, KeyReads.ReadPoint readPoint, EngineConfig config) {
        this.limits = limits;
        this.shards = shards;
        this.gate = gate;
        this.readPoint = readPoint;
        this.rules = config.entangleRules();
        this.minStrength = (float) config.quantumMinStrength();
        this.maxEntangled = config.quantumMaxEntangled();
    }

    private record Candidate(String key, float strength, boolean declared) {
    }

    /** What one atomic read found: stored arrays, copied after the read point. */
    private record Found(byte[] value, Candidate[] requested, byte[][] values) {
    }

    QuantumResult read(String key) {
        limits.checkKey(key);
        gate.checkOpen();
        List<String> derived = rules.derive(key); // a function of the key alone: outside the read point
        Found found = readPoint.atOnePoint(() -> {
            Candidate[] requested = candidates(key, shards.entanglements().of(key), derived);
            byte[][] values = new byte[requested.length][];
            for (int i = 0; i < values.length; i++) {
                values[i] = shards.read(requested[i].key);
            }
            return new Found(shards.read(key), requested, values);
        });
        Entangled[] entangled = new Entangled[found.values.length];
        int n = 0;
        for (int i = 0; i < found.values.length; i++) {
            if (found.values[i] != null) {
                Candidate c = found.requested[i];
                entangled[n++] = new Entangled(c.key, StoredValue.value(found.values[i]), c.strength, c.declared);
            }
        }
        int requested = found.requested.length;
        return new QuantumResult(Optional.ofNullable(found.value).map(StoredValue::value),
                Arrays.asList(entangled).subList(0, n), requested, requested == 0 ? 1.0 : (double) n / requested);
    }

    /** Declared links and derived keys of at least the minimum strength, strongest first, at most the maximum. */
    private Candidate[] candidates(String key, Entanglements.Link[] declared, List<String> derived) {
        if (derived.isEmpty() || EntanglementRules.STRENGTH < minStrength) {
            // The links are sorted strongest first (ties by key) already: the wanted ones are a prefix.
            int n = 0;
            while (n < declared.length && n < maxEntangled && declared[n].strength() >= minStrength) {
                n++;
            }
            Candidate[] prefix = new Candidate[n];
            for (int i = 0; i < n; i++) {
                prefix[i] = new Candidate(declared[i].key(), declared[i].strength(), true);
            }
            return prefix;
        }
        List<Candidate> all = new ArrayList<>(declared.length + derived.size());
        for (Entanglements.Link link : declared) {
            if (link.strength() >= minStrength) {
                all.add(new Candidate(link.key(), link.strength(), true));
            }
        }
        for (String d : derived) {
            if (!declaredAmong(declared, d) && !d.equals(key)) {
                all.add(new Candidate(d, EntanglementRules.STRENGTH, false));
            }
        }
        all.sort(STRONGEST_FIRST);
        return all.subList(0, Math.min(all.size(), maxEntangled)).toArray(new Candidate[0]);
    }

    private static boolean declaredAmong(Entanglements.Link[] declared, String key) {
        for (Entanglements.Link link : declared) {
            if (link.key().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
