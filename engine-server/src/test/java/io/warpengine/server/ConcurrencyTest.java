package io.warpengine.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 64 connections at once, each doing random SET, GET, DEL, INCR, APPEND, SETNX and GETDEL on keys of its own,
 * checked reply by reply against a model, and read-modify-writes on shared keys, which must not lose an update:
 * INCR of one counter by all of them, and SETNX races that exactly one connection wins.
 */
class ConcurrencyTest {

    private static final int CONNECTIONS = 64;
    private static final int OPERATIONS = 300;
    private static final int RACES = 10;

    @TempDir
    Path dir;

    @Test
    void sixtyFourConnectionsAgreeWithTheModelAndLoseNoUpdate() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<Result>> results = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                results.add(pool.submit(() -> run(server, connection)));
            }
            long increments = 0;
            int[] wins = new int[RACES];
            for (Future<Result> result : results) {
                Result r = result.get();
                increments += r.increments;
                for (int race = 0; race < RACES; race++) {
                    wins[race] += r.wins[race];
                }
            }
            pool.shutdown();
            try (Jedis jedis = server.jedis()) {
                assertEquals(String.valueOf(increments), jedis.get("shared:counter"));
            }
            for (int race = 0; race < RACES; race++) {
                assertEquals(1, wins[race], "SETNX winners of race " + race);
            }
        }
    }

    private record Result(long increments, int[] wins) {
    }

    private static Result run(TestServer server, int connection) {
        Random random = new Random(connection);
        Map<String, String> model = new HashMap<>();
        long increments = 0;
        int[] wins = new int[RACES];
        try (Jedis jedis = server.jedis()) {
            for (int op = 0; op < OPERATIONS; op++) {
                String key = "c:" + connection + ":" + random.nextInt(8);
                String old = model.get(key);
                switch (random.nextInt(8)) {
                    case 0 -> {
                        String value = "v" + random.nextInt(1000);
                        assertEquals("OK", jedis.set(key, value));
                        model.put(key, value);
                    }
                    case 1 -> assertEquals(old, jedis.get(key), key);
                    case 2 -> {
                        assertEquals(old == null ? 0 : 1, jedis.del(key), key);
                        model.remove(key);
                    }
                    case 3 -> {
                        if (old == null || old.matches("-?[1-9][0-9]*|0")) {
                            long next = (old == null ? 0 : Long.parseLong(old)) + 1;
                            assertEquals(next, jedis.incr(key), key);
                            model.put(key, String.valueOf(next));
                        }
                    }
                    case 4 -> {
                        String next = (old == null ? "" : old) + "a";
                        assertEquals(next.length(), jedis.append(key, "a"), key);
                        model.put(key, next);
                    }
                    case 5 -> {
                        assertEquals(old == null ? 1 : 0, jedis.setnx(key, "n"), key);
                        model.putIfAbsent(key, "n");
                    }
                    case 6 -> {
                        assertEquals(old, jedis.getDel(key), key);
                        model.remove(key);
                    }
                    default -> {
                        jedis.incr("shared:counter");
                        increments++;
                        int race = op % RACES;
                        wins[race] += (int) jedis.setnx("shared:race:" + race, String.valueOf(connection));
                    }
                }
            }
            for (Map.Entry<String, String> entry : model.entrySet()) {
                assertEquals(entry.getValue(), jedis.get(entry.getKey()), entry.getKey());
            }
        }
        return new Result(increments, wins);
    }
}
