package io.warpengine.server;

import io.warpengine.EngineConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, DBSIZE, FLUSHDB, FLUSHALL through Jedis. */
class KeyspaceCommandsTest extends JedisTestBase {

    /** Small, so that FLUSHDB needs several batches. */
    private static final int BATCH_MAX_WRITES = 100;

    @Override
    EngineConfig.Builder engine(Path dataDir) {
        return EngineConfig.builder(dataDir).batchMaxWrites(BATCH_MAX_WRITES);
    }

    @Test
    void delUnlinkExistsType() {
        jedis.mset("a", "1", "b", "2", "c", "3");
        assertEquals(3, jedis.exists("a", "b", "a", "zz"), "a key named twice counts twice");
        assertEquals(2, jedis.del("a", "b", "a", "zz"), "a key named twice is deleted once");
        assertEquals(1, jedis.unlink("c"));
        assertEquals(0, jedis.del("c"));
        assertEquals(0, jedis.dbSize());
        jedis.set("s", "v");
        assertEquals("string", jedis.type("s"));
        assertEquals("none", jedis.type("absent"));
    }

    @Test
    void keysMatchesRedisGlobsInKeyOrder() {
        jedis.mset("user:1", "a", "user:2", "b", "user:10", "c", "order:1", "d", "u*x", "e");
        assertEquals(List.of("user:1", "user:10", "user:2"), keys("user:*"));
        assertEquals(List.of("user:1", "user:2"), keys("user:?"));
        assertEquals(List.of("order:1", "user:1"), keys("[ou]*:1"));
        assertEquals(List.of("u*x"), keys("u\\*x"));
        assertEquals(5, keys("*").size());
        assertEquals(List.of(), keys("nothing*"));
    }

    @Test
    void scanReturnsEveryKeyWithMatchCountAndType() {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            all.add("key:" + i);
        }
        load(all);
        jedis.set("other", "x");
        assertEquals(all, scanAll(new ScanParams().match("key:*").count(20)));
        Set<String> everything = new HashSet<>(all);
        everything.add("other");
        assertEquals(everything, scanAll(new ScanParams()));
        assertEquals(Set.of("key:7", "key:70", "key:71", "key:72", "key:73", "key:74", "key:75", "key:76", "key:77",
                "key:78", "key:79"), scanAll(new ScanParams().match("key:7*").count(3)));
        ScanResult<String> none = jedis.scan("0", new ScanParams().count(1000), "hash");
        assertEquals("0", none.getCursor());
        assertEquals(List.of(), none.getResult());
        assertEquals(501, jedis.scan("0", new ScanParams().count(1000), "string").getResult().size());
        assertEquals("ERR invalid cursor", error(() -> jedis.scan("abc")));
        assertEquals("ERR invalid cursor", error(() -> jedis.scan("-1")));
        assertEquals("ERR syntax error", error(() -> jedis.scan("0", new ScanParams().count(0))));
        assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.SCAN, "0", "COUNT")));
    }

    @Test
    void flushDeletesEveryKeyInBatchesOfTheEnginesLimit() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 350; i++) {
            keys.add("k" + i);
        }
        load(keys);
        assertEquals(350, jedis.dbSize());
        assertEquals("OK", jedis.flushDB());
        assertEquals(0, jedis.dbSize());
        jedis.set("k", "v");
        assertEquals("OK", jedis.flushAll());
        assertEquals(0, jedis.dbSize());
        assertEquals("OK", jedis.sendCommand(Protocol.Command.FLUSHDB, "ASYNC") instanceof byte[] b
                ? new String(b) : "");
        assertEquals("ERR syntax error", error(() -> jedis.sendCommand(Protocol.Command.FLUSHDB, "NOW")));
    }

    @Test
    void anMsetOverTheBatchLimitIsRefusedWhole() {
        String[] pairs = new String[2 * (BATCH_MAX_WRITES + 1)];
        for (int i = 0; i < BATCH_MAX_WRITES + 1; i++) {
            pairs[2 * i] = "k" + i;
            pairs[2 * i + 1] = "v";
        }
        assertTrue(error(() -> jedis.mset(pairs)).contains("batch.max.writes"));
        assertEquals(0, jedis.dbSize());
    }

    /** KEYS as the server ordered them (Jedis's keys() gives a set). */
    private List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        for (Object key : (List<?>) jedis.sendCommand(Protocol.Command.KEYS, pattern)) {
            keys.add(new String((byte[]) key, StandardCharsets.UTF_8));
        }
        return keys;
    }

    private void load(Set<String> keys) {
        Pipeline pipeline = jedis.pipelined();
        keys.forEach(key -> pipeline.set(key, "v"));
        pipeline.sync();
    }

    private Set<String> scanAll(ScanParams params) {
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            for (String key : page.getResult()) {
                assertTrue(keys.add(key), "returned twice: " + key);
            }
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        return keys;
    }
}
