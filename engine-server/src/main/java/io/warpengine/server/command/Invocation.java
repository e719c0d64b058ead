package io.warpengine.server.command;

import io.warpengine.WarpEngine;

import java.util.List;

/**
 * One run of a command: its arguments, its keys as engine keys (those at the key positions of its
 * {@link CommandSpec}), the keys as it sees them (null for commands that do not read keys), its connection, the
 * server.
 */
public record Invocation(Args args, List<String> keyNames, KeyOverlay keys, Session session, ServerContext server) {

    /** The {@code i}-th of the command's keys. */
    public String key(int i) {
        return keyNames.get(i);
    }

    public WarpEngine engine() {
        return server.engine();
    }
}
