package io.warpengine.keytool;

import io.warpengine.cli.StdoutWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** {@code get KEY}: prints the value stored under a key. */
@Command(name = "get", description = {"Prints the value stored under KEY.",
        "Printable UTF-8 is shown as quoted text, anything else as hex (or base64). Exits with 1 when KEY holds no "
                + "value."})
final class GetVerb extends KeyVerb {

    @Parameters(paramLabel = "KEY", description = "The key to read.")
    String key;

    @Option(names = "--raw", description = "Writes the value's bytes as they are, with no quotes and no newline.")
    boolean raw;

    @Mixin
    BinaryOption binary;

    GetVerb(EngineSession session) {
        super(session);
    }

    @Override
    public Integer call() throws IOException {
        Optional<byte[]> value = session.read(engine -> engine.get(key));
        if (value.isEmpty()) {
            err().println("no value under " + keyText(key));
            return NOT_FOUND;
        }
        if (raw) {
            if (!(out() instanceof StdoutWriter stdout)) {
                throw new IllegalArgumentException("--raw writes bytes to the standard output, which this "
                        + "command does not have here (use it with ./warp get)");
            }
            OutputStream bytes = stdout.stream();
            bytes.write(value.get());
            bytes.flush();
        } else {
            out().println(valueText(value.get(), binary.encoding));
        }
        return 0;
    }
}
