package io.warpengine.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toucher dirties pages ahead of the writer and never changes a byte of the file. */
class PageToucherTest {

    @TempDir
    Path dir;

    @Test
    void touchingAheadLeavesEveryByteAsItWas() throws Exception {
        Path file = dir.resolve("cycle.cq4");
        byte[] content = new byte[8 << 20];
        Random random = new Random(7);
        for (int page = 0; page < content.length / 4096; page++) {
            if (page % 3 != 0) { // a third of the pages stay zero, as unwritten journal space is
                byte[] data = new byte[4096];
                random.nextBytes(data);
                System.arraycopy(data, 0, content, page * 4096, 4096);
            }
        }
        Files.write(file, content);
        try (PageToucher toucher = new PageToucher(cycle -> file, 4 << 20)) {
            toucher.advanced(1, 100, Long.MAX_VALUE);
            awaitTouched(toucher, 4 << 20);
            toucher.advanced(1, 3 << 20, Long.MAX_VALUE);
            awaitTouched(toucher, (7 << 20) - 8);
        }
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    /** Pages past the allocated blocks may have none: touching one on a full disk would fault. */
    @Test
    void touchesNoPagePastTheAllocatedLimit() throws Exception {
        Path file = dir.resolve("limited.cq4");
        Files.write(file, new byte[8 << 20]);
        try (PageToucher toucher = new PageToucher(cycle -> file, 6 << 20)) {
            toucher.advanced(1, 100, 1 << 20);
            awaitTouched(toucher, (1 << 20) - 8);
            assertTrue(toucher.touchedUpTo() <= (1 << 20) + 4096, "touched up to " + toucher.touchedUpTo());
            toucher.advanced(1, 200, 3 << 20);
            awaitTouched(toucher, (3 << 20) - 8);
            assertTrue(toucher.touchedUpTo() <= (3 << 20) + 4096, "touched up to " + toucher.touchedUpTo());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readAroundIsTurnedOffForTheToucherMapping() throws Exception {
        Path file = dir.resolve("sparse.cq4");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.allocate(1), (16 << 20) - 1);
            MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, 16 << 20);
            assertTrue(PageToucher.adviseNoReadAround(mapping),
                    "madvise(MADV_RANDOM) through Chronicle's posix API failed: the toucher would fault 8 MiB at a time");
        }
    }

    private static void awaitTouched(PageToucher toucher, long upTo) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (toucher.touchedUpTo() < upTo) {
            assertTrue(System.nanoTime() < deadline, "touched only up to " + toucher.touchedUpTo());
            TimeUnit.MILLISECONDS.sleep(1); // polling the toucher's progress with a deadline
        }
    }
}
