package io.warpengine;

/**
 * One entangled key in a {@link QuantumResult}.
 *
 * @param key      the entangled key
 * @param value    its value (a copy)
 * @param strength the entanglement's strength, in (0, 1]
 * @param declared true when declared with {@link WarpEngine#entangle}, false when derived by a pattern rule
 *                 ({@link EntanglementRules}); a pair both declared and derived is declared, at the declared strength
 */
public record Entangled(String key, byte[] value, double strength, boolean declared) {
}
