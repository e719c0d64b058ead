package io.warpengine.journaltool;

import io.warpengine.journal.EntryType;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.Set;

/** {@code --key}, {@code --prefix}, {@code --op}: which keys and operations a verb shows. */
final class KeyFilterOptions {

    @Option(names = {"-k", "--key"}, paramLabel = "KEY", description = "Only this key (repeatable).")
    Set<String> keys = new LinkedHashSet<>();

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only keys starting with PREFIX.")
    String prefix;

    @Option(names = "--op", paramLabel = "OP", description = "Only entries of this type: PUT (with options or an"
            + " expiry too), DELETE, BATCH, EXPIRE, REAP, ENTANGLE, DISENTANGLE or PLACE.")
    EntryType op;

    EntryFilter filter(long fromSeq, long toSeq, long fromMicros, long toMicros) {
        return new EntryFilter(fromSeq, toSeq, fromMicros, toMicros, Set.copyOf(keys), prefix, op);
    }
}
