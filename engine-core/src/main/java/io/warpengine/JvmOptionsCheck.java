package io.warpengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Checks, before anything opens the journal, that this JVM has the module exports and opens that Chronicle Queue
 * needs (the {@code --add-exports} and {@code --add-opens} of {@code warp.jvm.options} in {@code config/jvm.options},
 * packaged beside the defaults). Without them Chronicle fails deep inside with some 90 lines of its own output
 * ending in an {@code AssertionError}; this names the missing flags and where they are written.
 */
final class JvmOptionsCheck {

    private static final String RESOURCE = "jvm.options";

    private JvmOptionsCheck() {
    }

    /** The packaged flags, read at the first open: they do not change while the JVM runs. */
    private static volatile List<String> required;

    /** @throws IllegalStateException naming every missing flag */
    static void require() {
        List<String> flags = required;
        if (flags == null) {
            flags = requiredFlags();
            required = flags;
        }
        List<String> missing = missing(flags);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this JVM lacks the options WarpEngine's journal (Chronicle Queue) needs: "
                    + String.join(" ", missing) + ". Start the JVM with the options of warp.jvm.options in "
                    + "config/jvm.options (./warp does; an embedding application adds them to its java command line)");
        }
    }

    /** The flags of {@code flags} this JVM does not have: an export or open not granted to unnamed modules. */
    static List<String> missing(List<String> flags) {
        Module unnamed = JvmOptionsCheck.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String flag : flags) {
            boolean exports = flag.startsWith("--add-exports=");
            if (!exports && !flag.startsWith("--add-opens=")) {
                continue; // a system property: nothing to check before the journal opens
            }
            String[] target = flag.substring(flag.indexOf('=') + 1).split("[/=]"); // module/package=ALL-UNNAMED
            Module module = ModuleLayer.boot().findModule(target[0]).orElse(null);
            boolean granted = module != null && (exports ? module.isExported(target[1], unnamed)
                    : module.isOpen(target[1], unnamed));
            if (!granted) {
                missing.add(flag);
            }
        }
        return missing;
    }

    /** The flags of {@code warp.jvm.options}, as packaged from config/jvm.options. */
    static List<String> requiredFlags() {
        Properties p = new Properties();
        try (InputStream in = JvmOptionsCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (the build copies it "
                        + "from config/)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(p.getProperty("warp.jvm.options", "").trim().split("\\s+"));
    }
}
