package io.warpengine.keytool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code scan [PREFIX]}: lists keys and values in key order. */
@Command(name = "scan", description = {"Lists keys and values in key order.",
        "Only keys that start with PREFIX are listed when one is given. The listing is weakly consistent: keys written "
                + "meanwhile may or may not be in it."})
final class ScanVerb extends KeyVerb {

    @Parameters(arity = "0..1", paramLabel = "PREFIX", defaultValue = "", description = "Lists only keys that start with it.")
    String prefix;

    @Option(names = "--keys-only", description = "Prints the keys without their values.")
    boolean keysOnly;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
            description = "Prints at most N keys.")
    long limit;

    @Mixin
    BinaryOption binary;

    ScanVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative, was " + limit);
        }
        PrintWriter out = out();
        session.read(engine -> {
            if (keysOnly) {
                engine.keys(prefix).stream().limit(limit).forEach(key -> out.println(keyText(key)));
            } else {
                engine.scan(prefix).limit(limit).forEach(e -> out.println(keyText(e.getKey()) + " "
                        + valueText(e.getValue(), binary.encoding)));
            }
            return null;
        });
        out.flush();
        return 0;
    }
}
