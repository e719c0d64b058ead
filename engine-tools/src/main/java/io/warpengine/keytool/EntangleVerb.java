package io.warpengine.keytool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code entangle PRIMARY KEY...}: qget of PRIMARY then reads the keys too. */
@Command(name = "entangle", description = {"Entangles PRIMARY with each KEY.",
        "The entanglement is journaled: qget PRIMARY then reads the keys too, and gravity places them on PRIMARY's "
                + "writer."})
final class EntangleVerb extends KeyVerb {

    @Parameters(index = "0", paramLabel = "PRIMARY", description = "The primary key.")
    String primary;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The related keys.")
    List<String> related;

    @Option(names = "--strength", paramLabel = "S", defaultValue = "1.0",
            description = "Strength of each entanglement, greater than 0 and at most 1 (default: ${DEFAULT-VALUE}).")
    double strength;

    EntangleVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        session.write(engine -> {
            engine.entangle(primary, related, strength);
            return null;
        });
        out().printf("entangled %s with %d key%s%n", keyText(primary), related.size(), related.size() == 1 ? "" : "s");
        return 0;
    }
}
