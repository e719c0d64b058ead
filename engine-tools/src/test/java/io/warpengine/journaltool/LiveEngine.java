package io.warpengine.journaltool;

import io.warpengine.WarpEngine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A live engine in a child JVM, for the tests of what the tool does beside one. Writes PUT {@link Journals#key}(i) =
 * {@link Journals#value}(i) as entry i when stdin says {@code write N} (paced, so that the writing lasts a while),
 * answers {@code wrote <total>}; {@code exit} closes it.
 */
public final class LiveEngine {

    private LiveEngine() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (WarpEngine engine = WarpEngine.open(Path.of(args[0]))) {
            long written = 0;
            System.out.println("open");
            System.out.flush();
            for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
                long n = Long.parseLong(line.substring("write ".length()));
                for (long i = 0; i < n; i++) {
                    written++;
                    engine.put(Journals.key(written), Journals.value(written));
                    if (written % 20 == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    }
                }
                System.out.println("wrote " + written);
                System.out.flush();
            }
        }
    }
}
