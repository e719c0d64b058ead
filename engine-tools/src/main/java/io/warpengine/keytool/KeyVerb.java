package io.warpengine.keytool;

import io.warpengine.cli.BinaryEncoding;
import io.warpengine.cli.ValueText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A verb on keys, run against the engine its {@link EngineSession} gives: one-off or in the shell. */
abstract class KeyVerb implements Callable<Integer> {

    /** Exit code of a verb that found nothing to show (a get of an absent key), as grep does. */
    static final int NOT_FOUND = 1;

    final EngineSession session;
    /** One per verb: it keeps a UTF-8 decoder, which a scan of millions of values should not make per value. */
    private final ValueText values = new ValueText();

    @Spec
    CommandSpec spec;

    KeyVerb(EngineSession session) {
        this.session = session;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A key as the journal tool shows it: bare when it can be, else quoted. */
    static String keyText(String key) {
        StringBuilder line = new StringBuilder();
        ValueText.appendKey(key, line);
        return line.toString();
    }

    /** A value as the journal tool shows it: quoted text when printable UTF-8, else hex or base64. */
    String valueText(byte[] value, BinaryEncoding binary) {
        StringBuilder line = new StringBuilder();
        values.appendValue(value, binary, line);
        return line.toString();
    }
}
