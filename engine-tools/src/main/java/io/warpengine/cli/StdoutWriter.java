package io.warpengine.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The command line's stdout writer (what picocli would make: autoflush, the platform's stdout encoding) that also
 * lends out the byte stream under it, so that {@code journal dump} can write millions of lines as UTF-8 bytes
 * without a char round trip. A writer set by an embedding program or a test replaces it, and the verbs then print
 * through that writer.
 */
public final class StdoutWriter extends PrintWriter {

    private final PrintStream stream;

    private StdoutWriter(PrintStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
    }

    /** A writer on {@link System#out}. */
    public static StdoutWriter create() {
        String encoding = System.getProperty("sun.stdout.encoding");
        return new StdoutWriter(System.out, encoding != null ? Charset.forName(encoding) : Charset.defaultCharset());
    }

    /** The byte stream, after flushing what was written as text; flush it before printing text again. */
    public OutputStream stream() {
        flush();
        return stream;
    }
}
