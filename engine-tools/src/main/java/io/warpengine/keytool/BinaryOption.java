package io.warpengine.keytool;

import io.warpengine.cli.BinaryEncoding;
import picocli.CommandLine.Option;

/** {@code --binary}: how a verb that prints values shows one that is not printable UTF-8. */
final class BinaryOption {

    @Option(names = "--binary", paramLabel = "ENCODING", defaultValue = "hex",
            description = "How a value that is not printable UTF-8 is shown: hex or base64 (default: ${DEFAULT-VALUE}).")
    BinaryEncoding encoding;
}
