package io.warpengine.keytool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code delete KEY...}: removes keys, each delete journaled before the command returns. */
@Command(name = "delete", description = {"Removes each KEY.",
        "Each delete is journaled (durable) when the command returns; it says how many of the keys held a value."})
final class DeleteVerb extends KeyVerb {

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The keys to remove.")
    List<String> keys;

    DeleteVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        long deleted = session.write(engine -> keys.stream().filter(engine::delete).count());
        out().printf("deleted %d of %d key%s%n", deleted, keys.size(), keys.size() == 1 ? "" : "s");
        return 0;
    }
}
