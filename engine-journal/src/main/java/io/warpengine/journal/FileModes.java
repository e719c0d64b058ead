package io.warpengine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may read a data directory's files: the engine creates its directories and files with these modes (the
 * setting {@code data.permissions}). Owner-only by default: the files hold every value ever written. On a file
 * system without POSIX permissions the modes are left to the system.
 */
public enum FileModes {
    /** Directories 0700, files 0600. */
    OWNER("owner", "rwx------", "rw-------"),
    /** Directories 0750, files 0640: the owner's group may read. */
    GROUP("group", "rwxr-x---", "rw-r-----"),
    /** Whatever the process's umask gives. */
    UMASK("umask", null, null);

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final String configName;
    private final Set<PosixFilePermission> directoryMode;
    private final Set<PosixFilePermission> fileMode;

    FileModes(String configName, String directoryMode, String fileMode) {
        this.configName = configName;
        this.directoryMode = directoryMode == null ? null : PosixFilePermissions.fromString(directoryMode);
        this.fileMode = fileMode == null ? null : PosixFilePermissions.fromString(fileMode);
    }

    /** The value's name in a configuration file. */
    public String configName() {
        return configName;
    }

    /** Creates {@code directory} and any missing parent with the directory mode; an existing one is left as it is. */
    public void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        if (directoryMode == null || !POSIX) {
            Files.createDirectories(absolute);
            return;
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(directoryMode));
            Files.setPosixFilePermissions(absolute, directoryMode); // the umask narrowed the attribute's mode
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // created meanwhile by another thread or process: its mode is its creator's
        }
    }

    /** Attributes that create a file with the file mode (still narrowed by the umask). */
    public FileAttribute<?>[] fileAttributes() {
        return fileMode == null || !POSIX ? new FileAttribute<?>[0]
                : new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(fileMode)};
    }

    /** Gives a file someone else created (Chronicle's journal files) the file mode. */
    public void restrict(Path file) {
        if (fileMode == null || !POSIX) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, fileMode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + file, e);
        }
    }
}
