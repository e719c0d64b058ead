package io.warpengine.server.command;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every command the server knows, by lower-case name. */
public final class CommandTable {

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    private CommandTable(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (commands.put(spec.name(), spec) != null) {
                throw new IllegalStateException("command " + spec.name() + " defined twice");
            }
        }
    }

    /** The command families of this server. */
    static CommandTable standard() {
        return new CommandTable(Stream.of(ConnectionCommands.specs(), StringCommands.specs(),
                        CounterCommands.specs(), ExpiryCommands.specs(), KeyspaceCommands.specs(),
                        ServerCommands.specs(), TransactionCommands.specs(), WarpCommands.specs())
                .flatMap(List::stream).toList());
    }

    /** The command named {@code lowerCaseName}, or null. */
    public CommandSpec find(String lowerCaseName) {
        return commands.get(lowerCaseName);
    }

    public Collection<CommandSpec> all() {
        return commands.values();
    }
}
