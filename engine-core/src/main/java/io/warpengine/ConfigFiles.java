package io.warpengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads configuration files, a user's and the defaults packaged with the engine, as setting names to raw values. */
final class ConfigFiles {

    private static final String DEFAULTS_RESOURCE = "warpengine.properties";

    private ConfigFiles() {
    }

    /** The settings in {@code file}, a properties file in UTF-8. */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("configuration file " + file + (Files.exists(file) ? " is not a file"
                    : " does not exist") + "; config/warpengine.properties holds every setting with its default");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) { // a malformed unicode escape is the latter
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return settings(p);
    }

    /**
     * The settings in the packaged defaults ({@code config/warpengine.properties}, copied in by the build), which
     * must give every setting a value: the engine has no defaults of its own.
     */
    static Map<String, String> defaults() {
        Properties p = new Properties();
        try (InputStream in = ConfigFiles.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default configuration " + DEFAULTS_RESOURCE
                        + " is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Setting<?> s : Setting.ALL) {
            if (!p.containsKey(s.key)) {
                throw new IllegalStateException("default configuration has no value for '" + s.key + "'");
            }
        }
        return settings(p);
    }

    private static Map<String, String> settings(Properties p) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            settings.put(key, p.getProperty(key));
        }
        return settings;
    }
}
