package io.warpengine.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal: decides progress bars and prompt layout. */
public final class Terminals {

    private Terminals() {
    }

    /**
     * Whether file descriptor {@code fd} (0, 1, 2) is a terminal. Java 17 cannot ask isatty(3): Linux names the
     * terminal behind a descriptor in /proc; elsewhere a console means stdin and stdout are terminals.
     */
    public static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
