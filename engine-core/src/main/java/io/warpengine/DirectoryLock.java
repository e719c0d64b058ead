package io.warpengine;

import io.warpengine.journal.FileModes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Exclusive ownership of a data directory, by an OS file lock on {@code warpengine.lock}: a second engine, in
 * this process or another, is refused. The OS drops the lock when its process dies, so a crash never leaves
 * the directory locked. The file holds the owner's pid for the refusal message. {@link WarpEngine#open} takes
 * it; a tool that changes a data directory's files with no engine open (such as {@code ./warp journal repair})
 * takes it too.
 */
public final class DirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "warpengine.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DirectoryLock acquire(Path dataDir) {
        return acquire(dataDir, FileModes.OWNER);
    }

    /** Locks {@code dataDir}, creating it and the lock file with {@code modes} when they are missing. */
    public static DirectoryLock acquire(Path dataDir, FileModes modes) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("data directory " + dataDir + " is not a directory (a file is there): "
                    + "name a directory, or a path where one can be created");
        }
        FileChannel channel = null;
        try {
            modes.createDirectories(dataDir);
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), modes.fileAttributes());
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                boolean thisProcess = owner.equals(Long.toString(ProcessHandle.current().pid()));
                throw new IllegalStateException("data directory " + dataDir + " is in use by "
                        + (thisProcess ? "another WarpEngine of this process (pid " + owner + ")"
                        : "another WarpEngine" + (owner.isEmpty() ? "" : " (process " + owner + ")"))
                        + "; close that engine first, or open a different directory");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new DirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock data directory " + dataDir + ": " + e, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory lock", e);
        }
    }
}
