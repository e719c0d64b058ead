package io.warpengine.keytool;

import io.warpengine.EngineStats;
import picocli.CommandLine.Command;

/** {@code stats}: the engine's figures now. */
@Command(name = "stats", description = "Prints the keys, value bytes and journal figures of the engine now.")
final class StatsVerb extends KeyVerb {

    StatsVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        EngineStats s = session.read(engine -> engine.stats());
        out().printf("keys:                     %,d%nvalue bytes:              %,d%njournal bytes on disk:    %,d%n"
                        + "journal bytes since open: %,d%nlast sequence:            %,d%nkeys per writer:          %s%n",
                s.keyCount(), s.valueBytes(), s.journalBytes(), s.journalBytesSinceOpen(), s.lastSequence(),
                s.shardKeyCounts());
        return 0;
    }
}
