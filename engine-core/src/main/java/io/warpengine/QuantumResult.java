package io.warpengine;

import java.util.List;
import java.util.Optional;

/**
 * What {@link WarpEngine#quantumGet} read, all as of one point of the engine's sequence.
 *
 * @param value      the key's value, if it holds one
 * @param entangled  the entangled keys that hold a value, strongest first (equal strengths by key)
 * @param requested  how many entangled keys were read: those of at least the configured strength, at most the
 *                   configured number
 * @param efficiency the share of the requested keys that held a value ({@code entangled().size() / requested});
 *                   1.0 when none was requested (nothing was missing)
 */
public record QuantumResult(Optional<byte[]> value, List<Entangled> entangled, int requested, double efficiency) {

    public QuantumResult {
        entangled = List.copyOf(entangled);
    }
}
