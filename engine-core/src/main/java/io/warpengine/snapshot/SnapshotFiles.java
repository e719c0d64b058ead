package io.warpengine.snapshot;

import io.warpengine.journal.FileModes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The file operations of a {@link SnapshotStore} that a disk can fail, in one place: the seam where the fault
 * tests inject failing writes, fsyncs, renames and directory syncs. {@link #REAL} is the file system.
 */
public interface SnapshotFiles {

    /** Creates the snapshot directory (and missing parents). */
    void createDirectories(Path directory) throws IOException;

    /** A new file to write (fails when it exists); closing the stream does not sync it. */
    OutputStream create(Path file) throws IOException;

    /** fsync of {@code file}'s contents. */
    void sync(Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing it. */
    void move(Path from, Path to) throws IOException;

    /** fsync of a directory: a rename in it survives a power loss. */
    void syncDirectory(Path directory) throws IOException;

    /** The real file system, creating files owner-only. */
    SnapshotFiles REAL = real(FileModes.OWNER);

    /** The real file system, creating files with {@code modes}. */
    static SnapshotFiles real(FileModes modes) {
        return new SnapshotFiles() {
        @Override
        public OutputStream create(Path file) throws IOException {
            return Channels.newOutputStream(FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), modes.fileAttributes()));
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
            modes.createDirectories(directory);
        }

        @Override
        public void sync(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
        };
    }
}
