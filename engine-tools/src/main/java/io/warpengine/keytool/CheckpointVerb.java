package io.warpengine.keytool;

import picocli.CommandLine.Command;

/** {@code checkpoint}: writes a snapshot now. */
@Command(name = "checkpoint", description = {"Writes a snapshot of the whole state now.",
        "The next open then replays only the journal after it."})
final class CheckpointVerb extends KeyVerb {

    CheckpointVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        long sequence = session.write(engine -> engine.checkpoint());
        out().printf("checkpoint written at sequence %,d%n", sequence);
        return 0;
    }
}
