package io.warpengine.keytool;

import io.warpengine.KeyMetadata;
import io.warpengine.cli.BinaryEncoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.Optional;

/** {@code meta KEY}: a key's value with where it lives and its last write. */
@Command(name = "meta", description = {"Prints the value of KEY and where it lives.",
        "It shows the key's logical shard, writer, put options and the sequence and time of its last write."})
final class MetaVerb extends KeyVerb {

    @Parameters(paramLabel = "KEY", description = "The key to read.")
    String key;

    MetaVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        Optional<KeyMetadata> found = session.read(engine -> engine.getWithMetadata(key));
        if (found.isEmpty()) {
            err().println("no value under " + keyText(key));
            return NOT_FOUND;
        }
        KeyMetadata m = found.get();
        String written = m.writtenMicros() == 0 ? "unknown (from a snapshot of an older format)"
                : Instant.ofEpochSecond(m.writtenMicros() / 1_000_000, m.writtenMicros() % 1_000_000 * 1000).toString();
        out().printf("value:         %s%nlogical shard: %d%nwriter:        %d%naccess:        %s%npriority:      %s%n"
                        + "sequence:      %d%nwritten:       %s%ntier:          %s%n", valueText(m.value(), BinaryEncoding.HEX),
                m.logicalShard(), m.shard(), lower(m.options().access()), lower(m.options().priority()), m.sequence(),
                written, lower(m.tier()).replace('_', ' '));
        return 0;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
