package io.warpengine.keytool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code count [PREFIX]}: how many keys hold a value. */
@Command(name = "count", description = {"Prints how many keys hold a value.",
        "Only keys that start with PREFIX are counted when one is given."})
final class CountVerb extends KeyVerb {

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "Counts only keys that start with it.")
    String prefix;

    CountVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        long count = session.read(engine -> prefix == null ? engine.count() : engine.keys(prefix).size());
        out().println(count);
        return 0;
    }
}
