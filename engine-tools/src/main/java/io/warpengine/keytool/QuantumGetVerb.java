package io.warpengine.keytool;

import io.warpengine.Entangled;
import io.warpengine.QuantumResult;
import io.warpengine.cli.BinaryEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Locale;

/** {@code qget KEY}: a key with the keys entangled with it, read at one point of the engine's sequence. */
@Command(name = "qget", description = {"Prints KEY and the keys entangled with it (quantumGet).",
        "The entangled keys come strongest first, all read at one point of the engine's sequence."})
final class QuantumGetVerb extends KeyVerb {

    @Parameters(paramLabel = "KEY", description = "The primary key.")
    String key;

    QuantumGetVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        QuantumResult result = session.read(engine -> engine.quantumGet(key));
        out().println(keyText(key) + " " + result.value().map(v -> valueText(v, BinaryEncoding.HEX)).orElse("(no value)"));
        for (Entangled e : result.entangled()) {
            out().printf(Locale.ROOT, "  %.2f %s %s %s%n", e.strength(), e.declared() ? "declared" : "derived ",
                    keyText(e.key()), valueText(e.value(), BinaryEncoding.HEX));
        }
        out().printf(Locale.ROOT, "found %d of %d entangled keys (efficiency %.2f)%n", result.entangled().size(),
                result.requested(), result.efficiency());
        return 0;
    }
}
