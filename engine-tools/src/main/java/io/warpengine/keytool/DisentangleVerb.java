package io.warpengine.keytool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code disentangle PRIMARY KEY...}: undoes {@code entangle}. */
@Command(name = "disentangle", description = "Removes the entanglements of PRIMARY with each KEY (journaled).")
final class DisentangleVerb extends KeyVerb {

    @Parameters(index = "0", paramLabel = "PRIMARY", description = "The primary key.")
    String primary;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "The related keys.")
    List<String> related;

    DisentangleVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        session.write(engine -> {
            engine.disentangle(primary, related);
            return null;
        });
        out().printf("disentangled %s from %d key%s%n", keyText(primary), related.size(), related.size() == 1 ? "" : "s");
        return 0;
    }
}
