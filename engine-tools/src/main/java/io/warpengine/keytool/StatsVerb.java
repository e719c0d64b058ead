package io.warpengine.keytool;

import io.warpengine.EngineStats;
import io.warpengine.tier.TierStats;
import picocli.CommandLine.Command;

/** {@code stats}: the engine's figures now. */
@Command(name = "stats", description = "Prints the keys, value bytes, journal figures and memory tiers of the engine "
        + "now.")
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
        s.tiers().ifPresent(this::printTiers);
        return 0;
    }

    private void printTiers(TierStats t) {
        out().printf("memory bound:             %,d bytes (%,d in memory)%ndeep files:               %,d bytes"
                + " (%,d segments compacted)%nwrites that waited:       %,d%n", t.maxBytes(), t.memoryBytes(),
                t.deepFileBytes(), t.compactedSegments(), t.stalls());
        tier("event horizon", t.horizon());
        tier("photon sphere", t.photon());
        tier("deep cache", t.deep());
    }

    private void tier(String name, TierStats.Tier t) {
        out().printf("%-25s %,d keys, %,d bytes, %,d hits, %,d promotions, %,d demotions%n", name + ":", t.keys(),
                t.bytes(), t.hits(), t.promotions(), t.demotions());
    }
}
