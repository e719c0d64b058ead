package io.warpengine.keytool;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;
import java.util.Set;

/** Tab completion in the shell: command names, a command's options, and stored keys where a command takes a key. */
final class ShellCompleter implements Completer {

    /** Keys offered at most: a prefix that matches more is narrowed by typing, not read from a screenful. */
    static final int MAX_KEYS = 200;
    private static final Set<String> KEY_LABELS = Set.of("KEY", "PRIMARY", "PREFIX");

    private final CommandLine commands;
    private final EngineSession session;

    ShellCompleter(CommandLine commands, EngineSession session) {
        this.commands = commands;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word().substring(0, line.wordCursor());
        if (line.wordIndex() == 0) {
            commands.getSubcommands().keySet().forEach(name -> candidates.add(new Candidate(name)));
            ShellCommand.EXIT_WORDS.forEach(name -> candidates.add(new Candidate(name)));
            return;
        }
        CommandLine command = commands.getSubcommands().get(line.words().get(0));
        if (command == null) {
            return;
        }
        if (word.startsWith("-")) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String name : option.names()) {
                    candidates.add(new Candidate(name, name, null, option.description().length > 0
                            ? option.description()[0] : null, null, null, true));
                }
            }
        } else if (takesKeys(command)) {
            session.read(engine -> engine.keys(word)).stream().limit(MAX_KEYS)
                    .forEach(key -> candidates.add(new Candidate(key)));
        }
    }

    private static boolean takesKeys(CommandLine command) {
        for (PositionalParamSpec p : command.getCommandSpec().positionalParameters()) {
            if (KEY_LABELS.contains(p.paramLabel())) {
                return true;
            }
        }
        return false;
    }
}
