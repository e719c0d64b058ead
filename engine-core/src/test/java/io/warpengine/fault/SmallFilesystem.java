package io.warpengine.fault;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited tmpfs mounted for one test, so that the disk really fills. Needs the right to mount (root in
 * the build's container); where that is missing the test is skipped with the reason, not failed.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code mebibytes} MiB at {@code mountPoint} (created), or skips the calling test. */
    static SmallFilesystem mount(Path mountPoint, int mebibytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String result = run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m,mode=0700", "tmpfs",
                mountPoint.toString());
        Assumptions.assumeTrue(result == null, () -> "skipped: cannot mount a " + mebibytes
                + " MiB tmpfs to fill (needs root or CAP_SYS_ADMIN): " + result);
        return new SmallFilesystem(mountPoint);
    }

    Path root() {
        return mountPoint;
    }

    /** Grows (or shrinks) the filesystem in place: frees space without touching its files. */
    void resize(int mebibytes) throws IOException, InterruptedException {
        String result = run("mount", "-o", "remount,size=" + mebibytes + "m", mountPoint.toString());
        if (result != null) {
            throw new IOException("cannot resize " + mountPoint + ": " + result);
        }
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Writes {@code file} so that about {@code leftBytes} stay free (whole 64 KiB blocks). */
    Path fillLeaving(Path file, long leftBytes) throws IOException {
        long size = Math.max(0, freeBytes() - leftBytes) & -(64 << 10);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(64 << 10);
            for (long written = 0; written < size; written += block.capacity()) {
                block.clear();
                channel.write(block);
            }
        }
        return file;
    }

    /** @return null when the command succeeded, else its output */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String result = run("umount", "-l", mountPoint.toString());
        if (result != null) {
            throw new IOException("cannot unmount " + mountPoint + ": " + result);
        }
    }
}
