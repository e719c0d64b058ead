package io.warpengine.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gravitational routing: an entanglement group lives where its primary does, so that a quantumGet, a getAll or a
 * batch over the group touches one writer's store. A key that some primary is entangled with is placed on the home
 * logical shard of its strongest primary (equal strengths: the smallest primary); any other key stays at its own
 * home (its hash, or its hash tag's). Only declared entanglements pull: derived ones follow pattern rules for every
 * key of a shape, and hash tags ({@code user:{42}}, {@code profile:{42}}) place those together without a lookup.
 *
 * <p>One level, on purpose: a related key goes to its primary's home, not to wherever that primary was pulled in
 * turn. The placement is then a function of the entanglements alone, whatever the order they were declared, so a
 * snapshot (which holds the entanglements) and a replay reach the same placement; following chains would make
 * cycles ({@code a -> b}, {@code b -> a}) depend on that order.
 */
final class Gravity {

    private Gravity() {
    }

    /** The logical shard {@code key} belongs on, given the declared entanglements (writer or recovery only). */
    static int logicalShardOf(String key, Entanglements entanglements, RoutingTable routing) {
        String primary = entanglements.strongestPrimaryOf(key);
        return routing.homeOf(primary == null ? key : primary);
    }

    /**
     * Those of {@code keys} whose logical shard the entanglements now change, each with the one it belongs on (for
     * {@link RoutingTable#pin}, after the caller moved their values).
     */
    static Map<String, Integer> changes(Collection<String> keys, Entanglements entanglements, RoutingTable routing) {
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (String key : keys) {
            int target = logicalShardOf(key, entanglements, routing);
            if (target != routing.logicalShardOf(key)) {
                changes.put(key, target);
            }
        }
        return changes;
    }
}
