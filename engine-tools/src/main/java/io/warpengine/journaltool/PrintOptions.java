package io.warpengine.journaltool;

import io.warpengine.cli.BinaryEncoding;
import picocli.CommandLine.Option;


/** {@code --format} and {@code --binary}: how entries are printed. */
final class PrintOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Text (readable lines) or json (JSON lines); default ${DEFAULT-VALUE}.")
    EntryPrinter.OutputFormat format;

    @Option(names = "--binary", paramLabel = "ENCODING", defaultValue = "hex",
            description = "Values that are not printable UTF-8 as hex or base64; default ${DEFAULT-VALUE}.")
    BinaryEncoding binary;

    EntryPrinter printer(LineOutput out) {
        return EntryPrinter.create(format, binary, out);
    }
}
