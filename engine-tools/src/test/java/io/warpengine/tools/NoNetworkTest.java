package io.warpengine.tools;

import io.warpengine.EngineView;
import io.warpengine.RecoveryTarget;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.SocketPermission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No telemetry and no outbound connection: a child JVM runs the engine, the journal tool and the load runner
 * under a security manager that records every socket permission asked for (a connect, a listen, a DNS lookup),
 * then lists its own open file descriptors for sockets. Both lists must be empty.
 */
class NoNetworkTest {

    @TempDir
    Path dir;

    @Test
    void engineToolsAndLoadRunnerOpenNoSocket() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Djava.security.manager=allow");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Child.class.getName());
        command.add(dir.toString());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the child finished");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("RAN engine, journal tool, load runner"), output);
        List<String> network = output.lines().filter(l -> l.startsWith("NETWORK ")).toList();
        assertEquals(List.of(), network, () -> "socket use found; the child said:\n" + output);
    }

    /** Runs everything a user runs, then reports every socket permission asked for and every socket still open. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path root = Path.of(args[0]);
            List<String> asked = Collections.synchronizedList(new ArrayList<>());
            boolean watched = watchSockets(asked);
            Path data = root.resolve("data");
            try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(data).build())) {
                for (int i = 0; i < 1000; i++) {
                    engine.putAsync("user:" + i, ("v" + i).getBytes(StandardCharsets.UTF_8)).join();
                }
                engine.batch().put("a", new byte[1]).delete("user:1").commit();
                engine.entangle("user:2", List.of("a"), 0.5);
                engine.quantumGet("user:2");
                engine.checkpoint();
            }
            try (EngineView view = WarpEngine.openAt(EngineConfig.builder(data).build(), RecoveryTarget.sequence(10))) {
                view.get("user:3");
            }
            for (String[] cli : List.of(
                    new String[]{"journal", "stats", "-d", data.toString()},
                    new String[]{"journal", "verify", "-d", data.toString()},
                    new String[]{"journal", "dump", "-d", data.toString()},
                    new String[]{"bench", "throughput", "--keys", "2000", "--threads", "2", "--seconds", "0.3",
                            "--reference-seconds", "0.2", "--no-progress", "--results", root.resolve("results").toString()})) {
                StringWriter out = new StringWriter();
                CommandLine line = WarpCli.commandLine();
                line.setOut(new PrintWriter(out));
                line.setErr(new PrintWriter(out));
                int code = line.execute(cli);
                if (code != 0) {
                    System.out.println("FAILED " + String.join(" ", cli) + ": " + out);
                    System.exit(3);
                }
            }
            System.out.println("RAN engine, journal tool, load runner" + (watched ? "" : " (sockets not watched: "
                    + "no security manager on this JVM; open sockets still listed)"));
            asked.forEach(a -> System.out.println("NETWORK asked " + a));
            openSockets().forEach(s -> System.out.println("NETWORK open " + s));
            System.exit(0); // the load runner's daemon threads need not finish
        }

        /** Records every socket permission checked (resolve, connect, listen, accept); denies nothing. */
        @SuppressWarnings("removal") // the only hook that sees every socket the JDK opens; Java 17 still has it
        private static boolean watchSockets(List<String> asked) {
            try {
                System.setSecurityManager(new SecurityManager() {
                    @Override
                    public void checkPermission(Permission permission) {
                        if (permission instanceof SocketPermission) {
                            StringWriter trace = new StringWriter();
                            new Throwable().printStackTrace(new PrintWriter(trace));
                            String stack = trace.toString().replace('\n', ' ');
                            // The JDK's font setup (the load runner's charts) names its cache file after this
                            // host: a lookup of the machine's own name, which sends nothing anywhere.
                            if (!(permission.getActions().equals("resolve") && stack.contains("InetAddress.getLocalHost")
                                    && stack.contains("sun.font.FcFontConfiguration"))) {
                                asked.add(permission + " " + stack);
                            }
                        }
                    }

                    @Override
                    public void checkPermission(Permission permission, Object context) {
                        checkPermission(permission);
                    }
                });
                return true;
            } catch (UnsupportedOperationException noSecurityManager) {
                return false;
            }
        }

        /**
         * This process's open sockets but the JDK's own socketpair (Linux: /proc/self/fd links named
         * socket:[inode], looked up in /proc/self/net). The JDK's file I/O keeps one end of an unnamed unix
         * socketpair to close descriptors safely ({@code sun.nio.ch.FileDispatcherImpl}); it reaches nothing.
         */
        private static List<String> openSockets() throws IOException {
            Path fds = Path.of("/proc/self/fd");
            if (!Files.isDirectory(fds)) {
                return List.of();
            }
            List<String> sockets = new ArrayList<>();
            try (Stream<Path> links = Files.list(fds)) {
                for (Path fd : links.toList()) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(fd).toString();
                    } catch (IOException closedMeanwhile) {
                        continue; // the listing's own descriptor, or one closed since
                    }
                    if (target.startsWith("socket:[")) {
                        String kind = kind(target.substring("socket:[".length(), target.length() - 1));
                        if (!kind.equals("unnamed unix")) {
                            sockets.add(fd.getFileName() + " -> " + target + " (" + kind + ")");
                        }
                    }
                }
            }
            return sockets;
        }

        /** Which table of /proc/self/net lists the socket with {@code inode}; a unix socket's path, if any. */
        private static String kind(String inode) throws IOException {
            for (String table : List.of("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "unix", "netlink")) {
                Path file = Path.of("/proc/self/net", table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    List<String> fields = List.of(line.trim().split("\\s+"));
                    if (fields.contains(inode)) {
                        boolean unnamed = table.equals("unix") && fields.get(fields.size() - 1).equals(inode);
                        return unnamed ? "unnamed unix" : table + " " + line.trim();
                    }
                }
            }
            return "unknown";
        }
    }
}
