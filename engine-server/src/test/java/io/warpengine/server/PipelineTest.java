package io.warpengine.server;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Pipelined requests are answered in order, and each sees the writes pipelined before it. */
class PipelineTest extends JedisTestBase {

    @Test
    void aThousandPipelinedSetsThenGets() {
        Pipeline pipeline = jedis.pipelined();
        List<Response<String>> sets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sets.add(pipeline.set("p:" + i, "value " + i));
        }
        List<Response<String>> gets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            gets.add(pipeline.get("p:" + i));
        }
        pipeline.sync();
        for (int i = 0; i < 1000; i++) {
            assertEquals("OK", sets.get(i).get());
            assertEquals("value " + i, gets.get(i).get());
        }
        assertEquals(1000, jedis.keys("p:*").size());
    }

    @Test
    void eachRequestSeesThePipelinedWritesBeforeIt() {
        Pipeline pipeline = jedis.pipelined();
        List<Response<?>> replies = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            String key = "rw:" + (round % 7);
            replies.add(pipeline.set(key, "0"));
            replies.add(pipeline.incr(key));
            replies.add(pipeline.append(key, "x"));
            replies.add(pipeline.get(key));
            replies.add(pipeline.del(key));
            replies.add(pipeline.get(key));
            replies.add(pipeline.dbSize());
        }
        pipeline.sync();
        for (int round = 0; round < 200; round++) {
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                got.add(replies.get(round * 7 + i).get());
            }
            List<Object> expected = new ArrayList<>(List.of("OK", 1L, 2L, "1x", 1L));
            expected.add(null);
            expected.add(0L);
            assertEquals(expected, got, "round " + round);
        }
    }

    /** More requests than a connection queues: reading pauses and resumes, nothing is lost or reordered. */
    @Test
    void aPipelineLongerThanTheQueueIsServedWhole() {
        int n = 5 * Connection.MAX_QUEUED;
        Pipeline pipeline = jedis.pipelined();
        List<Response<Long>> incrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            incrs.add(pipeline.incr("long"));
        }
        Response<String> last = pipeline.get("long");
        pipeline.sync();
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, incrs.get(i).get());
        }
        assertEquals(String.valueOf(n), last.get());
        assertNull(jedis.get("never"));
    }
}
