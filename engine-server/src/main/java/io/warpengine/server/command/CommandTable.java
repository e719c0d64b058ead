package io.warpengine.server.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every command the server knows, by lower-case name; found from a request's name bytes in any ASCII case without
 * making a String of them (an open-addressing table over the case-folded bytes: it was a few % of a pipelined GET).
 */
public final class CommandTable {

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    /** The specs by the hash of their folded names, open addressing, at most half full; null slots are free. */
    private final CommandSpec[] byHash;
    /** The lower-case name bytes of each slot's spec. */
    private final byte[][] names;

    private CommandTable(List<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (commands.put(spec.name(), spec) != null) {
                throw new IllegalStateException("command " + spec.name() + " defined twice");
            }
        }
        int size = Integer.highestOneBit(Math.max(4, commands.size() * 4 - 1));
        byHash = new CommandSpec[size];
        names = new byte[size][];
        for (CommandSpec spec : commands.values()) {
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int slot = foldedHash(name) & (size - 1);
            while (byHash[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            byHash[slot] = spec;
            names[slot] = name;
        }
    }

    /** The command named {@code name} in any ASCII case, or null. */
    public CommandSpec find(byte[] name) {
        int mask = byHash.length - 1;
        for (int slot = foldedHash(name) & mask; byHash[slot] != null; slot = (slot + 1) & mask) {
            if (equalsFolded(names[slot], name)) {
                return byHash[slot];
            }
        }
        return null;
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + (b | 0x20); // ASCII letters folded to lower case (other bytes only hash differently)
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsFolded(byte[] lowerCase, byte[] name) {
        if (lowerCase.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            byte b = name[i];
            if (lowerCase[i] != (b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b)) {
                return false;
            }
        }
        return true;
    }

    /** The command families of this server. */
    static CommandTable standard() {
        return new CommandTable(Stream.of(ConnectionCommands.specs(), StringCommands.specs(),
                        CounterCommands.specs(), ExpiryCommands.specs(), KeyspaceCommands.specs(),
                        ServerCommands.specs(), TransactionCommands.specs(), WarpCommands.specs())
                .flatMap(List::stream).toList());
    }

    public Collection<CommandSpec> all() {
        return commands.values();
    }
}
