package io.warpengine.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The --help of every command, as {@code ./warp} renders it. picocli starts a new line for each element of a
 * description and lists a subcommand by its description's first element alone, so an element must end where a
 * sentence does; and it may break a line after any dot, so a break must not fall inside a name such as summary.json.
 */
class HelpTextTest {

    /** One or more sentences: a capital first, a full stop last. */
    private static final Pattern SENTENCES = Pattern.compile("[A-Z].*\\.");
    /** A command description's element: sentences, or a lead-in to the lines after it, or a line as is. */
    private static final Pattern PARAGRAPH = Pattern.compile("|[A-Z].*[.:]");
    /** A line meant as is, which must not wrap: an example, indented, or in columns. */
    private static final Pattern AS_IS = Pattern.compile("Examples?: .*|\\s.*|.*\\S {2,}\\S.*");

    /**
     * picocli formats descriptions as format strings: a lone % (5% short) fails, and the help then prints the text
     * raw after a "[picocli WARN] Could not format" line.
     */
    @Test
    void noDescriptionHasALonePercentSign() {
        List<String> bad = new ArrayList<>();
        for (CommandLine command : commands()) {
            List<String> texts = new ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
            command.getCommandSpec().args().forEach(arg -> texts.addAll(List.of(arg.description())));
            texts.stream().filter(t -> t.replace("%%", "").replace("%n", "").contains("%")).forEach(bad::add);
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void everyOptionAndParameterIsDescribedInWholeSentences() {
        List<String> bad = new ArrayList<>();
        for (CommandLine command : commands()) {
            CommandSpec spec = command.getCommandSpec();
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                String text = String.join(" ", arg.description());
                if (!arg.hidden() && !SENTENCES.matcher(text).matches()) {
                    bad.add(spec.qualifiedName() + " " + arg.paramLabel() + ": " + text);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void everyCommandDescriptionStartsWithASentenceAndBreaksOnlyWhereAParagraphEnds() {
        List<String> bad = new ArrayList<>();
        for (CommandLine command : commands()) {
            if (command.getCommand() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own
            }
            String[] description = command.getCommandSpec().usageMessage().description();
            if (description.length == 0 || !SENTENCES.matcher(description[0]).matches()) {
                bad.add(command.getCommandSpec().qualifiedName() + " (summary): " + String.join("|", description));
            }
            for (String paragraph : description) {
                boolean asIs = AS_IS.matcher(paragraph).matches();
                if (asIs ? paragraph.length() > command.getUsageHelpWidth() : !PARAGRAPH.matcher(paragraph).matches()) {
                    bad.add(command.getCommandSpec().qualifiedName() + ": " + paragraph);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /**
     * A line break splits a word when the line's last word and the next line's first, written together, are a word
     * of the texts rendered (summary. / json, ring. / size=65536), and written apart are not; in the synopsis, when
     * an option's brackets close on another line ([--workload=X[; / X...]]...).
     */
    @Test
    void noLineIsWiderThanTheHelpOrBreaksInsideAWord() {
        List<String> bad = new ArrayList<>();
        for (CommandLine command : commands()) {
            String texts = texts(command);
            String[] lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].length() > command.getUsageHelpWidth()) {
                    bad.add(command.getCommandSpec().qualifiedName() + " too wide: " + lines[i]);
                }
                if (i < synopsisLines(lines) && count(lines[i], '[') != count(lines[i], ']')) {
                    bad.add(command.getCommandSpec().qualifiedName() + " synopsis broken inside an option: " + lines[i]);
                }
                String[] before = lines[i].trim().split(" ");
                String[] after = i + 1 < lines.length ? lines[i + 1].trim().split(" ") : new String[]{""};
                String last = before[before.length - 1];
                String first = after[0];
                if (!last.isEmpty() && !first.isEmpty() && texts.contains(last + first) && !texts.contains(last + " " + first)) {
                    bad.add(command.getCommandSpec().qualifiedName() + " broken: " + lines[i] + " / " + lines[i + 1]);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /** The synopsis: "Usage: ..." and the indented lines that continue it. */
    private static int synopsisLines(String[] lines) {
        int end = 1;
        while (end < lines.length && lines[end].startsWith(" ")) {
            end++;
        }
        return end;
    }

    private static long count(String line, char c) {
        return line.chars().filter(x -> x == c).count();
    }

    /** The descriptions a command's help shows: its own, its options', its subcommands'. */
    private static String texts(CommandLine command) {
        List<String> texts = new ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
        command.getCommandSpec().args().forEach(arg -> texts.addAll(List.of(arg.description())));
        command.getSubcommands().values().forEach(sub -> texts.addAll(List.of(sub.getCommandSpec().usageMessage().description())));
        return String.join("\n", texts);
    }

    /** ./warp and every command under it. */
    private static Set<CommandLine> commands() {
        Set<CommandLine> all = new LinkedHashSet<>();
        List<CommandLine> todo = new ArrayList<>(List.of(WarpCli.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine command = todo.remove(todo.size() - 1);
            if (all.add(command)) {
                todo.addAll(command.getSubcommands().values());
            }
        }
        return all;
    }
}
