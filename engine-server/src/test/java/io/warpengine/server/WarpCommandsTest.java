package io.warpengine.server;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.warpengine.server.ConnectionCommandsTest.command;
import static io.warpengine.server.StringCommandsTest.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WARP.ENTANGLE, WARP.QGET, WARP.DISENTANGLE: the engine's physics over RESP. */
class WarpCommandsTest extends JedisTestBase {

    @Test
    void entangledKeysComeBackWithTheQuantumGet() {
        jedis.mset("doc:1", "main", "cart:1", "c", "orders:1", "o");
        assertEquals("OK", text(jedis.sendCommand(command("WARP.ENTANGLE"), "doc:1", "0.9", "orders:1", "cart:1")));
        List<?> reply = (List<?>) jedis.sendCommand(command("WARP.QGET"), "doc:1");
        assertEquals("main", text(reply.get(0)));
        List<?> entangled = (List<?>) reply.get(1);
        assertEquals(2, entangled.size());
        List<?> first = (List<?>) entangled.get(0);
        assertEquals("cart:1", text(first.get(0)), "equal strengths by key");
        assertEquals("c", text(first.get(1)));
        assertEquals("0.9", text(first.get(2)));
        assertEquals(1L, first.get(3), "declared (RESP2: 1)");
        assertEquals(2L, reply.get(2));
        assertEquals("1", text(reply.get(3)));
        assertEquals("OK", text(jedis.sendCommand(command("WARP.DISENTANGLE"), "doc:1", "cart:1")));
        assertEquals(1, ((List<?>) ((List<?>) jedis.sendCommand(command("WARP.QGET"), "doc:1")).get(1)).size());
        assertEquals("ERR value is not a valid float",
                error(() -> jedis.sendCommand(command("WARP.ENTANGLE"), "doc:1", "strong", "x")));
        assertTrue(error(() -> jedis.sendCommand(command("WARP.ENTANGLE"), "doc:1", "2", "x"))
                .startsWith("ERR entanglement strength must be"));
        assertTrue(error(() -> jedis.sendCommand(command("WARP.ENTANGLE"), "doc:1", "0.5", "doc:1"))
                .contains("with itself"));
        assertEquals("ERR wrong number of arguments for 'warp.qget' command",
                error(() -> jedis.sendCommand(command("WARP.QGET"))));
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }
}
