package io.warpengine.journaltool;

import io.warpengine.tools.WarpCli;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of {@code warp ...} through the real command line, with its output, errors and exit code captured. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    int exit;

    static Cli run(String... args) {
        Cli cli = new Cli();
        CommandLine commandLine = WarpCli.commandLine();
        commandLine.setOut(new PrintWriter(cli.out, true));
        commandLine.setErr(new PrintWriter(cli.err, true));
        cli.exit = commandLine.execute(args);
        return cli;
    }

    /** As {@link #run}, with {@code stdin} as the standard input (for repair's question). */
    static Cli runWithInput(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    List<String> lines() {
        return out.toString().lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
