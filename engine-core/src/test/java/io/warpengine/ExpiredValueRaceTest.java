package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A put whose expiry time has already passed is never read, while a reader races its writer: the value and the
 * expiry are two stores, and without the writer's fence a read paired the new value with the old (no) expiry.
 */
class ExpiredValueRaceTest {
    @TempDir
    Path dir;

    @Test
    void aPutThatExpiredAlreadyIsNeverRead() throws Exception {
        EngineConfig config = EngineConfig.builder(dir).checkpointOnClose(false).build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong seen = new AtomicLong();
            Thread reader = new Thread(() -> { // reads until the writer stops
                while (!stop.get()) {
                    Optional<byte[]> v = engine.get("k");
                    if (v.isPresent() && v.get()[0] == 'd') {
                        seen.incrementAndGet();
                    }
                }
            });
            reader.start();
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end && seen.get() == 0) {
                engine.put("k", "alive".getBytes());
                engine.putWithExpiry("k", "dead".getBytes(), PutOptions.DEFAULT, Instant.ofEpochMilli(1000));
            }
            stop.set(true);
            reader.join();
            assertEquals(0, seen.get(), "reads of a value whose expiry (1970) had passed before it was written");
        }
    }
}
