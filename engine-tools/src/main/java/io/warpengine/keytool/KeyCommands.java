package io.warpengine.keytool;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.InputStream;
import java.util.List;

/** The verbs on keys, built for one session: the one-off commands of {@code ./warp} and the shell's commands. */
public final class KeyCommands {

    private KeyCommands() {
    }

    /**
     * Adds {@code get}, {@code put}, {@code delete}, {@code scan}, {@code count} (each opening the engine for the one
     * call, with {@code -d DIR} and {@code --config FILE}) and {@code shell} to {@code warp}.
     */
    public static void addTo(CommandLine warp, InputStream stdin) {
        for (KeyVerb verb : List.of(new GetVerb(new OneOffSession()), new PutVerb(new OneOffSession(), stdin),
                new DeleteVerb(new OneOffSession()), new ScanVerb(new OneOffSession()),
                new CountVerb(new OneOffSession()))) {
            CommandLine command = new CommandLine(verb);
            command.getCommandSpec().addMixin("engine", CommandSpec.forAnnotatedObject(verb.session));
            command.getCommandSpec().mixinStandardHelpOptions(true);
            warp.addSubcommand(command);
        }
        warp.addSubcommand(new ShellCommand(stdin, System.out, System.err));
    }

    /** Every verb the shell offers, on {@code session}. */
    static List<KeyVerb> shellVerbs(EngineSession session, InputStream stdin) {
        return List.of(new GetVerb(session), new PutVerb(session, stdin), new DeleteVerb(session),
                new ScanVerb(session), new CountVerb(session), new MetaVerb(session), new QuantumGetVerb(session),
                new EntangleVerb(session), new DisentangleVerb(session), new StatsVerb(session),
                new CheckpointVerb(session));
    }
}
