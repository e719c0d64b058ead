package io.warpengine.server.command;

import io.warpengine.EngineConfig;
import io.warpengine.EngineStats;
import io.warpengine.ShardPlacement;
import io.warpengine.WarpEngine;
import io.warpengine.snapshot.CheckpointReport;
import io.warpengine.tier.TierStats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * INFO's text: Redis's sections (server, clients, memory, persistence, stats, keyspace) with the fields clients and
 * tools read, in Redis's names where the engine has the same figure, and a physics section of WarpEngine's own.
 */
final class InfoReport {

    /** Version of WarpEngine, beside the Redis version it follows. */
    static final String WARPENGINE_VERSION = "0.1.0";

    /** The sections in INFO's order, by name. */
    private static final Map<String, Consumer<InfoReport>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("server", InfoReport::server);
        SECTIONS.put("clients", InfoReport::clients);
        SECTIONS.put("memory", InfoReport::memory);
        SECTIONS.put("persistence", InfoReport::persistence);
        SECTIONS.put("stats", InfoReport::stats);
        SECTIONS.put("keyspace", InfoReport::keyspace);
        SECTIONS.put("physics", InfoReport::physics);
    }

    private final ServerContext server;
    private final WarpEngine engine;
    private final EngineStats stats;
    private final StringBuilder text = new StringBuilder();

    private InfoReport(ServerContext server) {
        this.server = server;
        this.engine = server.engine();
        this.stats = engine.stats();
    }

    /** The sections named (lower case; none, all, default or everything: every section). */
    static String of(ServerContext server, Set<String> names) {
        boolean every = names.isEmpty() || names.contains("all") || names.contains("default")
                || names.contains("everything");
        InfoReport report = new InfoReport(server);
        for (Map.Entry<String, Consumer<InfoReport>> entry : SECTIONS.entrySet()) {
            String section = entry.getKey();
            if (every || names.contains(section)) {
                if (report.text.length() > 0) {
                    report.text.append("\r\n");
                }
                report.text.append("# ").append(Character.toUpperCase(section.charAt(0))).append(section.substring(1))
                        .append("\r\n");
                entry.getValue().accept(report);
            }
        }
        return report.text.toString();
    }

    private void server() {
        long uptime = (System.currentTimeMillis() - server.stats().startMillis()) / 1000;
        field("redis_version", ConnectionCommands.REDIS_VERSION);
        field("warpengine_version", WARPENGINE_VERSION);
        field("redis_mode", "standalone");
        field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field("arch_bits", System.getProperty("os.arch").contains("64") ? 64 : 32);
        field("java_version", System.getProperty("java.version"));
        field("process_id", ProcessHandle.current().pid());
        field("tcp_port", server.port());
        field("uptime_in_seconds", uptime);
        field("uptime_in_days", uptime / 86_400);
        field("data_dir", engine.config().dataDir().toAbsolutePath());
    }

    private void clients() {
        field("connected_clients", server.stats().connectedClients());
        field("maxclients", server.maxClients());
    }

    private void memory() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        field("used_memory", used);
        field("used_memory_human", human(used));
        field("used_memory_values", stats.valueBytes());
        field("maxmemory", runtime.maxMemory());
        field("maxmemory_human", human(runtime.maxMemory()));
        field("maxmemory_policy", "noeviction");
        stats.tiers().ifPresent(t -> {
            field("warp_memory_max_bytes", t.maxBytes());
            field("warp_memory_values", t.memoryBytes());
            field("warp_deep_file_bytes", t.deepFileBytes());
            field("warp_tier_stalls", t.stalls());
            tier("event_horizon", t.horizon());
            tier("photon_sphere", t.photon());
            tier("deep_cache", t.deep());
        });
    }

    /** One memory tier's figures ({@code WarpEngine} values move between them under {@code memory.max.bytes}). */
    private void tier(String name, TierStats.Tier t) {
        field("warp_" + name + "_keys", t.keys());
        field("warp_" + name + "_bytes", t.bytes());
        field("warp_" + name + "_hits", t.hits());
        field("warp_" + name + "_promotions", t.promotions());
        field("warp_" + name + "_demotions", t.demotions());
    }

    private void persistence() {
        List<CheckpointReport> checkpoints = engine.checkpoints();
        CheckpointReport last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        long savedSequence = last != null ? last.sequence() : engine.recovery().snapshotSequence();
        field("loading", 0);
        field("rdb_changes_since_last_save", Math.max(0, stats.lastSequence() - savedSequence));
        field("rdb_bgsave_in_progress", engine.runningCheckpoint() != 0 ? 1 : 0);
        field("rdb_last_save_time", last != null ? last.startedMicros() / 1_000_000 : server.stats().startMillis() / 1000);
        field("rdb_last_bgsave_status", "ok");
        field("aof_enabled", 1);
        field("warp_durability", engine.config().durability().name().toLowerCase(Locale.ROOT));
        field("warp_last_sequence", stats.lastSequence());
        field("warp_journal_bytes", stats.journalBytes());
        field("warp_journal_bytes_since_open", stats.journalBytesSinceOpen());
        field("warp_checkpoints_since_open", checkpoints.size());
        field("warp_recovery_snapshot_sequence", engine.recovery().snapshotSequence());
        field("warp_recovery_entries_replayed", engine.recovery().entriesReplayed());
    }

    private void stats() {
        field("total_connections_received", server.stats().connectionsReceived());
        field("total_commands_processed", server.stats().commands());
        field("rejected_connections", server.stats().connectionsRejected());
    }

    /** avg_ttl is 0, as Redis gives when it has not sampled: the engine keeps no running average. */
    private void keyspace() {
        long keys = engine.count();
        if (keys > 0) {
            field("db0", "keys=" + keys + ",expires=" + stats.expiringKeys() + ",avg_ttl=0");
        }
    }

    /**
     * The spacetime shards and entanglement settings. Counts of declared entanglements are not in the engine's API
     * yet; pinned_keys counts the keys gravity placed with their strongest primary.
     */
    private void physics() {
        EngineConfig config = engine.config();
        ShardPlacement placement = engine.placement();
        field("logical_shards", placement.logicalShards());
        field("writers", placement.writers());
        field("logical_shards_per_writer", perWriter(placement));
        field("keys_per_writer", stats.shardKeyCounts().stream().map(String::valueOf)
                .collect(Collectors.joining(",")));
        field("pinned_keys", placement.pinnedKeys());
        field("entangle_rules", config.entangleRules().isOff() ? "off" : config.entangleRules().toString());
        field("entangle_max_related", config.entangleMaxRelated());
        field("quantum_min_strength", config.quantumMinStrength());
        field("quantum_max_entangled", config.quantumMaxEntangled());
    }

    private static String perWriter(ShardPlacement placement) {
        int[] owned = new int[placement.writers()];
        placement.owners().forEach(writer -> owned[writer]++);
        return Arrays.stream(owned).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }

    private void field(String name, Object value) {
        text.append(name).append(':').append(value).append("\r\n");
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format(Locale.ROOT, "%.2f%c", bytes / (double) (1L << (10 * unit)), "BKMGTPE".charAt(unit));
    }
}
