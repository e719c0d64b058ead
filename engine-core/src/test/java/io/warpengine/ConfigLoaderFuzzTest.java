package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The configuration loader fed with mutated copies of the shipped configuration file: each loads and builds, or is
 * refused with an {@link IllegalArgumentException} (a bad setting, named with the file) or an
 * {@link UncheckedIOException} (an unreadable file); nothing else escapes. {@code -Dwarp.fuzz.inputs=...} for more.
 */
class ConfigLoaderFuzzTest {

    private static final int INPUTS = Integer.getInteger("warp.fuzz.inputs", 5_000);
    private static final String[] NASTY = {"", " ", "-1", "0", "1", "2147483648", "99999999999999999999", "NaN",
            "-0.0", "1e309", "Infinity", "abc", "true", "off", "\u0000", "\u00e9\u4e2d", "x".repeat(5000), "0x10",
            "1_000", "user:*->", "->", ";", "user:*->profile:*;;", "power", "PROCESS", "16384", "3", "1.5"};

    @TempDir
    Path dir;

    @Test
    void mutatedConfigurationsLoadOrAreRefusedClearly() throws IOException {
        long seed = Long.getLong("warp.fuzz.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> shipped = Files.readAllLines(Path.of("..", "config", "warpengine.properties"));
        Path file = dir.resolve("fuzzed.properties");
        int loaded = 0;
        int refusedNamingTheFile = 0;
        for (int n = 0; n < INPUTS; n++) {
            byte[] text = mutate(shipped, rnd);
            Files.write(file, text);
            try {
                EngineConfig.load(file).dataDir(dir.resolve("data")).build();
                loaded++;
            } catch (IllegalArgumentException e) {
                if (String.valueOf(e.getMessage()).contains(file.toString())) {
                    refusedNamingTheFile++;
                }
            } catch (UncheckedIOException e) {
                // an unreadable file (e.g. not UTF-8), named in the message
            } catch (Throwable t) {
                fail("seed " + seed + ", input " + n + " (" + new String(text, StandardCharsets.UTF_8) + ") threw "
                        + t, t);
            }
        }
        assertTrue(loaded > 0 && refusedNamingTheFile > 0, "seed " + seed + ": " + loaded + " loaded, "
                + refusedNamingTheFile + " refused naming the file");
    }

    private static byte[] mutate(List<String> shipped, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(shipped);
        for (int edits = rnd.nextInt(1, 4); edits > 0; edits--) {
            int at = rnd.nextInt(lines.size());
            String line = lines.get(at);
            int eq = line.indexOf('=');
            switch (rnd.nextInt(5)) {
                case 0 -> { // a setting's value replaced
                    if (eq > 0 && !line.startsWith("#")) {
                        lines.set(at, line.substring(0, eq + 1) + NASTY[rnd.nextInt(NASTY.length)]);
                    }
                }
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, line); // a setting twice
                case 3 -> lines.add(at, "no.such.setting=" + NASTY[rnd.nextInt(NASTY.length)]);
                default -> { // a character of the line replaced by a random one
                    if (!line.isEmpty()) {
                        int c = rnd.nextInt(line.length());
                        lines.set(at, line.substring(0, c) + (char) rnd.nextInt(0x20, 0x7f) + line.substring(c + 1));
                    }
                }
            }
        }
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(20) == 0 && text.length > 0) {
            text[rnd.nextInt(text.length)] = (byte) 0xC3; // now and then not UTF-8
        }
        return text;
    }
}
