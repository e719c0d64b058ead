package io.warpengine.server;

import io.warpengine.EngineConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO memory names the memory tiers' figures when the engine has them. */
class TieredInfoTest extends JedisTestBase {

    @Override
    EngineConfig.Builder engine(Path dataDir) {
        return EngineConfig.builder(dataDir).memoryMaxBytes(1 << 20);
    }

    @Test
    void infoMemoryHasTheTiers() {
        jedis.set("k", "v");
        jedis.get("k");
        String memory = jedis.info("memory");
        assertTrue(memory.contains("warp_memory_max_bytes:1048576\r\n"), memory);
        assertTrue(memory.contains("warp_event_horizon_keys:1\r\n"), memory);
        assertTrue(memory.contains("warp_event_horizon_hits:1\r\n"), memory);
        assertTrue(memory.contains("warp_deep_cache_keys:0\r\n"), memory);
    }
}
