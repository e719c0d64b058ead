package io.warpengine.server.command;

import io.warpengine.WarpEngine;

import java.security.MessageDigest;
import java.util.concurrent.Executor;

/** What the commands share: the engine, the key locks, the counters, the server's settings, the command table. */
public final class ServerContext {

    private final WarpEngine engine;
    private final CommandTable commands;
    private final KeyLocks locks = new KeyLocks();
    private final KeyCodec keyCodec;
    private final ServerStats stats = new ServerStats();
    private final Executor background;
    /** Null when no password is set. */
    private final byte[] password;
    private final int maxClients;
    private volatile String address = "";
    private volatile int port;

    /**
     * @param background the thread {@link Kind#BACKGROUND} commands run on
     * @param password   the password AUTH must give (UTF-8), or null for none
     */
    public ServerContext(WarpEngine engine, Executor background, byte[] password, int maxClients) {
        this.engine = engine;
        this.commands = CommandTable.standard();
        this.keyCodec = new KeyCodec(engine.config().maxKeyBytes());
        this.background = background;
        this.password = password == null ? null : password.clone();
        this.maxClients = maxClients;
    }

    public WarpEngine engine() {
        return engine;
    }

    public CommandTable commands() {
        return commands;
    }

    public KeyLocks locks() {
        return locks;
    }

    public KeyCodec keyCodec() {
        return keyCodec;
    }

    public ServerStats stats() {
        return stats;
    }

    public Executor background() {
        return background;
    }

    public boolean requiresPassword() {
        return password != null;
    }

    /** Whether {@code given} is the password, compared in constant time. */
    boolean passwordMatches(byte[] given) {
        return password != null && MessageDigest.isEqual(password, given);
    }

    public int maxClients() {
        return maxClients;
    }

    /** Where the server listens, once bound (port 0 asks the OS for a free port). */
    public void bound(String address, int port) {
        this.address = address;
        this.port = port;
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }
}
