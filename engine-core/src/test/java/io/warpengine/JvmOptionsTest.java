package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM without config/jvm.options' flags gets one message naming them, not Chronicle's failure. */
class JvmOptionsTest {

    @TempDir
    Path dir;

    @Test
    void thisJvmHasEveryRequiredFlagAndAnAbsentOneIsNamed() {
        assertEquals(List.of(), JvmOptionsCheck.missing(JvmOptionsCheck.requiredFlags()), "the tests' JVM has them");
        String absent = "--add-opens=java.base/sun.security.x509=ALL-UNNAMED";
        assertEquals(List.of(absent), JvmOptionsCheck.missing(List.of(absent, "-Dsome.property=true")));
    }

    @Test
    void openingWithoutTheFlagsFailsWithOneMessageNamingThem() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("--add-")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Opener.class.getName(), dir.toString()));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(1, TimeUnit.MINUTES));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), output);
        assertTrue(output.contains("this JVM lacks the options WarpEngine's journal (Chronicle Queue) needs: "
                + "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), output);
        assertTrue(output.contains("config/jvm.options"), output);
        assertTrue(output.lines().count() < 5, "one message, not Chronicle's output:\n" + output);
    }

    /** Opens an engine; prints why it could not. */
    public static final class Opener {
        public static void main(String[] args) {
            try (WarpEngine engine = WarpEngine.open(Path.of(args[0]).resolve("data"))) {
                System.exit(0);
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
