package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** COMMAND, CONFIG GET, INFO, SAVE, BGSAVE: the server described, and checkpoints on demand. */
final class ServerCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommands.class);

    private ServerCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("command", -1, Kind.SESSION, ServerCommands::command),
                CommandSpec.of("config", -2, Kind.SESSION, ServerCommands::config),
                CommandSpec.of("info", -1, Kind.ENGINE, ServerCommands::info),
                CommandSpec.of("save", 1, Kind.BACKGROUND, call -> {
                    call.engine().checkpoint();
                    return Reply.OK;
                }),
                CommandSpec.of("bgsave", -1, Kind.ENGINE, ServerCommands::bgsave).flag("admin"));
    }

    /** COMMAND [COUNT | INFO name... | DOCS [name...] | LIST]. */
    private static Reply command(Invocation call) {
        Args args = call.args();
        CommandTable table = call.server().commands();
        if (args.size() == 1) {
            return Reply.array(table.all().stream().map(ServerCommands::describe).toList());
        }
        String sub = args.text(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "count":
                return Reply.integer(table.all().size());
            case "list":
                return Reply.array(table.all().stream().map(spec -> Reply.bulk(spec.name())).toList());
            case "info": {
                List<Reply> infos = new ArrayList<>();
                for (int i = 2; i < args.size(); i++) {
                    CommandSpec spec = table.find(args.bytes(i));
                    infos.add(spec == null ? Reply.NIL : describe(spec));
                }
                return Reply.array(infos);
            }
            case "docs":
                // No documentation is served: redis-cli and client libraries work without it.
                return new Reply.MapReply(List.of());
            default:
                throw CommandError.err("unknown subcommand '" + args.text(1) + "'. Try COMMAND HELP.");
        }
    }

    /** A command as Redis 7's COMMAND describes it: name, arity, flags, keys, categories, tips, key specs, subcommands. */
    private static Reply describe(CommandSpec spec) {
        List<Reply> flags = spec.flags().stream().sorted().map(f -> (Reply) new Reply.SimpleString(f)).toList();
        String category = switch (spec.kind()) {
            case READ -> "@read";
            case WRITE -> "@write";
            case BACKGROUND, ENGINE -> "@admin";
            case SESSION, EXEC -> "@connection";
        };
        return Reply.array(List.of(Reply.bulk(spec.name()), Reply.integer(spec.arity()), Reply.array(flags),
                Reply.integer(spec.firstKey()), Reply.integer(spec.lastKey()), Reply.integer(spec.keyStep()),
                Reply.array(List.of(new Reply.SimpleString(category))), Reply.EMPTY_ARRAY, Reply.EMPTY_ARRAY,
                Reply.EMPTY_ARRAY));
    }

    /**
     * CONFIG GET pattern...: the few parameters clients and redis-benchmark ask for, with the values that describe
     * this server (the journal is an append-only file; there is one database). Nothing can be set.
     */
    private static Reply config(Invocation call) {
        Args args = call.args();
        if (!args.is(1, "get")) {
            throw CommandError.err("unknown subcommand '" + args.text(1) + "'. Try CONFIG HELP.");
        }
        if (args.size() < 3) {
            throw CommandError.wrongArity("config|get");
        }
        ServerContext server = call.server();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("bind", server.address());
        parameters.put("port", String.valueOf(server.port()));
        parameters.put("databases", "1");
        parameters.put("maxclients", String.valueOf(server.maxClients()));
        parameters.put("appendonly", "yes");
        parameters.put("save", "");
        parameters.put("proto-max-bulk-len", String.valueOf(call.engine().config().maxValueBytes()));
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < args.size(); i++) {
            Glob glob = new Glob(args.bytes(i));
            parameters.forEach((name, value) -> {
                if (glob.matches(name)) {
                    matched.put(name, value);
                }
            });
        }
        return Reply.textMap(matched);
    }

    /** INFO [section...]: verbatim text in RESP3, a bulk string in RESP2. */
    private static Reply info(Invocation call) {
        Set<String> sections = new LinkedHashSet<>();
        for (int i = 1; i < call.args().size(); i++) {
            sections.add(call.args().text(i).toLowerCase(Locale.ROOT));
        }
        return new Reply.VerbatimReply(InfoReport.of(call.server(), sections));
    }

    /** BGSAVE [SCHEDULE]: starts a checkpoint on the background thread and replies at once. */
    private static Reply bgsave(Invocation call) {
        if (call.args().size() > 2 || call.args().size() == 2 && !call.args().is(1, "schedule")) {
            throw CommandError.syntax();
        }
        if (call.engine().runningCheckpoint() != 0) {
            throw CommandError.err("Background save already in progress");
        }
        CompletableFuture.runAsync(call.engine()::checkpoint, call.server().background()).exceptionally(e -> {
            LOG.warn("BGSAVE: the checkpoint failed", e);
            return null;
        });
        return new Reply.SimpleString("Background saving started");
    }
}
