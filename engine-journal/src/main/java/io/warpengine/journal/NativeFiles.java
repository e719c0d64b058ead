package io.warpengine.journal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.SaveError;

/**
 * The libc file calls Java 17 has no API for, through jnr-ffi (Chronicle's own native layer). Its errno is saved
 * right after each call: Chronicle's {@code PosixAPI} does not save it, so its {@code lastError()} can report a
 * stale one.
 */
final class NativeFiles {

    /** The bound functions; each returns -1 and sets errno on failure. */
    public interface LibC {
        @SaveError
        int open(String path, int flags, int mode);

        @SaveError
        int fallocate(int fd, int mode, long offset, long length);

        int close(int fd);

        String strerror(int errno);
    }

    static final int O_RDWR = 2;
    static final int ENOSPC = 28;
    static final int EDQUOT = 122;
    static final int ENOSYS = 38;
    static final int EOPNOTSUPP = 95;

    private final LibC libc;
    private final Runtime runtime;

    private NativeFiles(LibC libc) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /** Binds libc. @throws LinkageError or RuntimeException where it cannot be loaded */
    static NativeFiles load() {
        return new NativeFiles(LibraryLoader.create(LibC.class).load("c"));
    }

    int open(String path, int flags) {
        return libc.open(path, flags, 0);
    }

    int fallocate(int fd, long offset, long length) {
        return libc.fallocate(fd, 0, offset, length);
    }

    void close(int fd) {
        libc.close(fd);
    }

    /** errno of the last failed call on this thread. */
    int lastError() {
        return runtime.getLastError();
    }

    String describe(int errno) {
        return libc.strerror(errno) + " (errno " + errno + ")";
    }
}
