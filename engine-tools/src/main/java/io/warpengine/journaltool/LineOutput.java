package io.warpengine.journaltool;

import io.warpengine.cli.StdoutWriter;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Where entry lines go: raw UTF-8 bytes when the destination is a byte stream (stdout of {@code ./warp}, a file),
 * or a writer (one set on the command line by a test or an embedding program). Output that fails or is closed
 * ({@code dump | head}) surfaces as {@link OutputClosedException}, so that the scan stops.
 */
final class LineOutput {

    /** Thrown when the output fails or is closed, to end the scan. */
    static final class OutputClosedException extends UncheckedIOException {
        OutputClosedException(IOException cause) {
            super("output closed", cause);
        }
    }

    private final OutputStream stream;
    private final Writer writer;

    private LineOutput(OutputStream stream, Writer writer) {
        this.stream = stream;
        this.writer = writer;
    }

    /** The command line's stdout: its byte stream when it has one. */
    static LineOutput of(PrintWriter out) {
        return out instanceof StdoutWriter stdout ? new LineOutput(stdout.stream(), null) : new LineOutput(null, out);
    }

    static LineOutput of(OutputStream stream) {
        return new LineOutput(stream, null);
    }

    /** Writes {@code bytes[0, length)}: UTF-8 of whole lines (so a writer never gets half a character). */
    void writeLines(byte[] bytes, int length) {
        try {
            if (stream != null) {
                stream.write(bytes, 0, length);
            } else {
                writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
        checkOpen();
    }

    /** Whether lines go out as bytes (rather than through a writer). */
    boolean isByteStream() {
        return stream != null;
    }

    /** A JSON generator on this output; it does not close the output. */
    JsonGenerator jsonGenerator(JsonFactory factory) {
        try {
            return stream != null ? factory.createGenerator(stream, JsonEncoding.UTF8) : factory.createGenerator(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void flush() {
        try {
            if (stream != null) {
                stream.flush();
            } else {
                writer.flush();
            }
        } catch (IOException e) {
            throw new OutputClosedException(e);
        }
        checkOpen();
    }

    /** Print streams and writers swallow write errors (a closed pipe): ask them. */
    void checkOpen() {
        if (stream instanceof PrintStream ps && ps.checkError() || writer instanceof PrintWriter pw && pw.checkError()) {
            throw new OutputClosedException(new IOException("output closed"));
        }
    }
}
