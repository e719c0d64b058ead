package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PointInTimeRecoveryTest {

    private static final int OPS = 2000;

    @TempDir
    Path dir;

    private final List<String[]> history = new ArrayList<>(); // op i (1-based at index i-1): {key, value or null}

    private EngineConfig config() {
        return EngineConfig.builder(dir).checkpointEveryOperations(0).checkpointEverySeconds(0).build();
    }

    private Map<String, String> modelAt(long sequence) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < sequence; i++) {
            String[] op = history.get(i);
            if (op[1] == null) {
                m.remove(op[0]);
            } else {
                m.put(op[0], op[1]);
            }
        }
        return m;
    }

    private void write(WarpEngine engine, Random rnd) {
        String key = "k" + rnd.nextInt(100);
        if (rnd.nextInt(4) == 0) {
            engine.delete(key);
            history.add(new String[]{key, null});
        } else {
            String value = "v" + history.size() + "-" + rnd.nextInt();
            engine.put(key, value.getBytes(StandardCharsets.UTF_8));
            history.add(new String[]{key, value});
        }
    }

    private void assertStateAt(EngineReader view, long sequence) {
        Map<String, String> model = modelAt(sequence);
        assertEquals(sequence, view.stats().lastSequence());
        assertEquals(model.size(), view.stats().keyCount(), "keys at " + sequence);
        model.forEach((k, v) -> assertArrayEquals(v.getBytes(StandardCharsets.UTF_8), view.get(k).orElseThrow(),
                "key " + k + " at " + sequence));
    }

    @Test
    void stateAtAnySequenceEqualsTheModelAfterThatManyOperations() {
        Random rnd = new Random(3);
        Instant afterOp1000 = null;
        try (WarpEngine engine = WarpEngine.open(config())) {
            for (int i = 1; i <= OPS; i++) {
                write(engine, rnd);
                if (i == 700 || i == 1400) {
                    assertEquals(i, engine.checkpoint());
                }
                if (i == 1000) {
                    afterOp1000 = Instant.now();
                    Instant later = afterOp1000.plusMillis(2);
                    while (Instant.now().isBefore(later)) {
                        Thread.onSpinWait(); // entries after this point carry a later timestamp
                    }
                }
            }
        }
        for (long s : new long[]{0, 1, 2, 699, 700, 701, 1000, 1399, 1400, 1401, 1999, 2000, 5000}) {
            try (EngineView view = WarpEngine.openAt(config(), RecoveryTarget.sequence(s))) {
                assertStateAt(view, Math.min(s, OPS));
                assertEquals(s >= 2000 ? 2000 : s >= 1400 ? 1400 : s >= 700 ? 700 : 0, view.recovery().snapshotSequence(),
                        "snapshot for " + s + " (2000: the clean close)");
            }
        }
        try (EngineView view = WarpEngine.openAt(config(), RecoveryTarget.time(afterOp1000.plusMillis(1)))) {
            assertStateAt(view, 1000);
        }
    }

    @Test
    void aViewRefusesWritesAndRunsBesideTheLiveEngine() {
        Random rnd = new Random(4);
        try (WarpEngine engine = WarpEngine.open(config())) {
            for (int i = 0; i < 300; i++) {
                write(engine, rnd);
            }
            try (EngineView view = WarpEngine.openAt(config(), RecoveryTarget.sequence(250))) {
                assertStateAt(view, 250);
                // A view refuses writes at compile time: its type has no write or checkpoint method at all.
                Set<String> methods = Arrays.stream(EngineView.class.getMethods()).map(Method::getName)
                        .collect(Collectors.toSet());
                for (String write : List.of("put", "putAsync", "delete", "deleteAsync", "checkpoint")) {
                    assertFalse(methods.contains(write), "a view offers " + write);
                }
            }
            write(engine, rnd); // the live engine is unaffected
            assertEquals(301, engine.stats().lastSequence());
        }
    }
}
