package io.warpengine.servertool;

import io.warpengine.EngineConfig;
import io.warpengine.cli.EngineOptions;
import io.warpengine.server.ServerOptions;
import io.warpengine.server.WarpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./warp server}: serves the engine over the Redis protocol until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Serves the engine over the Redis protocol until SIGTERM or Ctrl-C.",
                "Clients such as redis-cli, redis-benchmark and Redis client libraries connect to it unchanged "
                        + "(RESP2, and RESP3 after HELLO 3). SIGTERM or Ctrl-C stops accepting, closes the connections and closes the "
                        + "engine with its close-time checkpoint.",
                "Example: ./warp server -d data --port 6379, then redis-cli -p 6379 SET k v."})
public final class ServerCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engineOptions;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServerOptions.DEFAULT_BIND,
            description = "The address to listen on; 0.0.0.0 listens on every interface (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerOptions.DEFAULT_PORT,
            description = "The TCP port; 0 takes any free port and prints it (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--requirepass", paramLabel = "PASSWORD", description = "Clients must give this password "
            + "(AUTH, or HELLO with AUTH) before any other command. Other users of the machine can read a command "
            + "line, so prefer --requirepass-file.")
    String password;

    @Option(names = "--requirepass-file", paramLabel = "FILE", description = "Reads the password from the first line "
            + "of FILE (keep it readable by you alone).")
    Path passwordFile;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_MAX_CLIENTS,
            description = "Connections served at once; more are refused with an error (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "" + ServerOptions.DEFAULT_MAX_REQUEST_BYTES,
            description = "The most bytes of bulk strings one request may carry; a larger one gets a protocol "
                    + "error and its connection is closed (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event-loop threads serving the connections "
            + "(default: half the cores, at least 1).")
    Integer ioThreads;

    @Spec
    CommandSpec spec;

    /** The password of --requirepass or --requirepass-file (where the command line shows none), or null. */
    private String password() throws IOException {
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException("give --requirepass or --requirepass-file, not both");
        }
        if (passwordFile == null) {
            return password;
        }
        String first = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the password file " + passwordFile + " has an empty first line");
        }
        return first;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerOptions.Builder options = ServerOptions.builder().bind(bind).port(port).maxClients(maxClients)
                .maxRequestBytes(maxRequestBytes).password(password());
        if (ioThreads != null) {
            options.ioThreads(ioThreads);
        }
        // The server's own hook closes the engine once the connections are closed; an engine hook of its own would
        // race with it and close the engine under requests still running.
        EngineConfig config = engineOptions.config().shutdownHook(false).build();
        WarpServer server = WarpServer.start(config, options.build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "warp-server-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("WarpEngine server listening on " + server.address().getAddress().getHostAddress() + ":"
                + server.port() + " (RESP2 and RESP3, " + server.transport() + "), data directory "
                + config.dataDir() + "; Ctrl-C or SIGTERM stops it.");
        out.flush();
        server.awaitClose();
        return 0;
    }
}
