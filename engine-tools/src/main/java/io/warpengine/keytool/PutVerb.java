package io.warpengine.keytool;

import io.warpengine.PutOptions;
import io.warpengine.PutResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

/** {@code put KEY VALUE}: stores a value, journaled before the command returns. */
@Command(name = "put", description = {"Stores VALUE under KEY.",
        "The write is journaled (durable) when the command returns; it prints the write's sequence and where the key "
                + "lives."})
final class PutVerb extends KeyVerb {

    enum Encoding { TEXT, HEX, BASE64 }

    @Parameters(index = "0", paramLabel = "KEY", description = "The key to write.")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value, as --encoding says.")
    String value;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Reads the value's bytes from FILE instead of VALUE (- for the standard input).")
    Path file;

    @Option(names = "--encoding", paramLabel = "ENCODING", defaultValue = "text",
            description = "How VALUE is written: text (stored as UTF-8), hex or base64 (default: ${DEFAULT-VALUE}).")
    Encoding encoding;

    @Option(names = "--access", paramLabel = "PATTERN", defaultValue = "balanced",
            description = "Access pattern of the key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PutOptions.AccessPattern access;

    @Option(names = "--priority", paramLabel = "PRIORITY", defaultValue = "normal",
            description = "Priority of the key: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PutOptions.Priority priority;

    private final InputStream stdin;

    PutVerb(EngineSession session, InputStream stdin) {
        super(session);
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        byte[] bytes = bytes();
        PutOptions options = new PutOptions(access, priority);
        PutResult result = session.write(engine -> engine.put(key, bytes, options));
        out().printf("stored %s (%,d byte%s) at sequence %d, logical shard %d, writer %d%n", keyText(key), bytes.length,
                bytes.length == 1 ? "" : "s",
                result.sequence(), result.logicalShard(), result.shard());
        return 0;
    }

    private byte[] bytes() throws IOException {
        if ((value == null) == (file == null)) {
            throw new IllegalArgumentException("give the value either as VALUE or with --file FILE, "
                    + (value == null ? "neither was given" : "not both"));
        }
        if (file != null) {
            if (file.toString().equals("-")) {
                return stdin.readAllBytes();
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--file " + file + " is not a readable file");
            }
            return Files.readAllBytes(file);
        }
        try {
            return switch (encoding) {
                case TEXT -> value.getBytes(StandardCharsets.UTF_8);
                case HEX -> HexFormat.of().parseHex(value);
                case BASE64 -> Base64.getDecoder().decode(value);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VALUE is not " + encoding.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + e.getMessage());
        }
    }
}
