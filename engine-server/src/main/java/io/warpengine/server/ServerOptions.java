package io.warpengine.server;

import java.nio.charset.StandardCharsets;

/**
 * How a {@link WarpServer} listens: address and port, password, the limits on clients and requests, event-loop
 * threads. Immutable; make one with {@link #builder()}.
 */
public final class ServerOptions {

    /** Redis's address and port. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 6379;
    /** Redis's default maxclients. */
    public static final int DEFAULT_MAX_CLIENTS = 10_000;
    /** Bulk strings of one request, in all: a request over it closes its connection with a protocol error. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
    /** The largest a request may be: netty's decoder counts a bulk string's length in an int. */
    public static final long MAX_REQUEST_BYTES = 512L * 1024 * 1024;

    private final String bind;
    private final int port;
    private final byte[] password;
    private final int maxClients;
    private final long maxRequestBytes;
    private final int ioThreads;

    private ServerOptions(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.password = b.password;
        this.maxClients = b.maxClients;
        this.maxRequestBytes = b.maxRequestBytes;
        this.ioThreads = b.ioThreads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bind() {
        return bind;
    }

    /** The port to listen on; 0 asks the system for a free one ({@link WarpServer#port()} tells which). */
    public int port() {
        return port;
    }

    /** The password AUTH must give, as UTF-8 bytes; null when none is set. */
    byte[] password() {
        return password == null ? null : password.clone();
    }

    public boolean requiresPassword() {
        return password != null;
    }

    public int maxClients() {
        return maxClients;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /** The settings, the password left out. */
    @Override
    public String toString() {
        return "bind=" + bind + " port=" + port + " password=" + (password != null ? "set" : "none") + " maxClients="
                + maxClients + " maxRequestBytes=" + maxRequestBytes + " ioThreads=" + ioThreads;
    }

    public static final class Builder {
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private byte[] password;
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        /**
         * Half the cores: the other half runs the clients of a benchmark, the JIT and the collector. On 2 cores one
         * event loop served redis-benchmark faster than two (SET 0.90x of redis-server against 0.75x).
         */
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

        private Builder() {
        }

        /** The address to listen on (0.0.0.0 for every interface). */
        public Builder bind(String address) {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("the bind address must not be empty");
            }
            this.bind = address;
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535 (0: any free port), got " + port);
            }
            this.port = port;
            return this;
        }

        /** The password every connection must give (AUTH, or HELLO ... AUTH) before other commands; null: none. */
        public Builder password(String password) {
            if (password != null && password.isEmpty()) {
                throw new IllegalArgumentException("the password must not be empty (leave it unset for none)");
            }
            this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder maxClients(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max clients must be at least 1, got " + n);
            }
            this.maxClients = n;
            return this;
        }

        public Builder maxRequestBytes(long n) {
            if (n < 1 || n > MAX_REQUEST_BYTES) {
                throw new IllegalArgumentException("max request bytes must be 1-" + MAX_REQUEST_BYTES + ", got " + n);
            }
            this.maxRequestBytes = n;
            return this;
        }

        /** Event-loop threads serving the connections (each runs its connections' commands). */
        public Builder ioThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("io threads must be at least 1, got " + n);
            }
            this.ioThreads = n;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }
    }
}
