package io.warpengine;

import io.warpengine.journal.FileModes;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data directory and every file the engine creates in it get the modes of {@code data.permissions}. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DataPermissionsTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(value = FileModes.class, names = {"OWNER", "GROUP"})
    void everyDirectoryAndFileGetsTheConfiguredMode(FileModes modes) throws IOException {
        Path dir = root.resolve("parent").resolve("data");
        EngineConfig config = EngineConfig.builder(dir).dataPermissions(modes).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (int i = 0; i < 1000; i++) {
                engine.put("k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
            engine.checkpoint();
        } // and the close-time snapshot
        String directoryMode = modes == FileModes.OWNER ? "rwx------" : "rwxr-x---";
        String fileMode = modes == FileModes.OWNER ? "rw-------" : "rw-r-----";
        assertEquals(directoryMode, mode(root.resolve("parent")), "a missing parent is created alike");
        List<String> wrong = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                String expected = Files.isDirectory(p) ? directoryMode : fileMode;
                files += Files.isRegularFile(p) ? 1 : 0;
                if (!mode(p).equals(expected)) {
                    wrong.add(root.relativize(p) + " " + mode(p));
                }
            }
        }
        assertTrue(files >= 4, "lock, journal metadata, a journal file, a snapshot: " + files);
        assertEquals(List.of(), wrong, "paths without mode " + directoryMode + " / " + fileMode);
    }

    @Test
    void anExistingDirectoryKeepsItsModeAndTheFilesInItAreOwnerOnly() throws IOException {
        Path dir = Files.createDirectory(root.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (WarpEngine engine = WarpEngine.open(dir)) {
            engine.put("k", new byte[1]);
        }
        assertEquals("rwxr-xr-x", mode(dir), "the user's choice for the directory stands");
        assertEquals("rw-------", mode(dir.resolve(DirectoryLock.FILE_NAME)));
        try (Stream<Path> journal = Files.list(dir.resolve(WarpEngine.JOURNAL_DIR))) {
            for (Path file : journal.toList()) {
                assertEquals("rw-------", mode(file), file.toString());
            }
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
