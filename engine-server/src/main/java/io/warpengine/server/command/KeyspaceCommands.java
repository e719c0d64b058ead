package io.warpengine.server.command;

import io.warpengine.Batch;
import io.warpengine.EngineConfig;
import io.warpengine.WarpEngine;
import io.warpengine.server.resp.Reply;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, DBSIZE, FLUSHDB, FLUSHALL: the keys as a whole. */
final class KeyspaceCommands {

    /** SCAN's COUNT when none is given, as in Redis. */
    private static final int DEFAULT_SCAN_COUNT = 10;

    private KeyspaceCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("del", -2, Kind.WRITE, KeyspaceCommands::delete).keys(1, -1, 1),
                CommandSpec.of("unlink", -2, Kind.WRITE, KeyspaceCommands::delete).keys(1, -1, 1).flag("fast"),
                CommandSpec.of("exists", -2, Kind.READ, KeyspaceCommands::exists).keys(1, -1, 1),
                CommandSpec.of("type", 2, Kind.READ, call -> new Reply.SimpleString(
                        call.keys().exists(call.key(0)) ? "string" : "none")).keys(1, 1, 1),
                CommandSpec.of("keys", 2, Kind.BACKGROUND, KeyspaceCommands::keys).flag("readonly"),
                CommandSpec.of("scan", -2, Kind.BACKGROUND, KeyspaceCommands::scan).flag("readonly"),
                CommandSpec.of("dbsize", 1, Kind.ENGINE, call -> Reply.integer(call.engine().count())).flag("fast"),
                CommandSpec.of("flushdb", -1, Kind.BACKGROUND, KeyspaceCommands::flush).flag("write"),
                CommandSpec.of("flushall", -1, Kind.BACKGROUND, KeyspaceCommands::flush).flag("write"));
    }

    /**
     * DEL and UNLINK: every existing key of the command deleted in one atomic batch; the count deleted. The keys are
     * read one by one, which is one point all the same: every writer of these keys waits for their stripe locks.
     */
    private static Reply delete(Invocation call) {
        int deleted = 0;
        for (String key : call.keyNames()) {
            if (call.keys().exists(key)) { // false for a key named twice, once deleted
                call.keys().delete(key);
                deleted++;
            }
        }
        return Reply.integer(deleted);
    }

    /** How many of the keys exist, a key named twice counted twice (as Redis does). */
    private static Reply exists(Invocation call) {
        return Reply.integer(call.keys().getAll(call.keyNames()).stream().filter(Objects::nonNull).count());
    }

    /** The keys with the pattern's literal prefix, filtered by the pattern, in key order. */
    private static Reply keys(Invocation call) {
        Glob glob = new Glob(call.args().bytes(1));
        List<Reply> keys = new ArrayList<>();
        for (String key : call.engine().keys(glob.literalPrefix())) {
            if (glob.matches(key)) {
                keys.add(Reply.bulk(KeyCodec.bytes(key)));
            }
        }
        return new Reply.ArrayReply(keys);
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: see {@link ScanCursor}. */
    private static Reply scan(Invocation call) {
        Args args = call.args();
        long cursor = cursor(args.text(1));
        Glob glob = null;
        int count = DEFAULT_SCAN_COUNT;
        boolean strings = true;
        for (int i = 2; i < args.size(); i++) {
            if (i + 1 >= args.size()) {
                throw CommandError.syntax();
            }
            if (args.is(i, "match")) {
                glob = new Glob(args.bytes(++i));
            } else if (args.is(i, "count")) {
                long n = args.integer(++i);
                if (n < 1) {
                    throw CommandError.syntax();
                }
                count = (int) Math.min(n, Integer.MAX_VALUE);
            } else if (args.is(i, "type")) {
                strings = args.is(++i, "string"); // every value is a string: any other type has no keys
            } else {
                throw CommandError.syntax();
            }
        }
        ScanCursor.Page page = new ScanCursor.Page(List.of(), 0);
        if (strings) {
            Glob pattern = glob;
            List<String> keys = call.engine().keys(pattern == null ? "" : pattern.literalPrefix());
            Predicate<String> wanted = pattern == null || pattern.matchesAll() ? k -> true : pattern::matches;
            page = ScanCursor.page(keys, cursor, count, wanted);
        }
        List<Reply> keys = page.keys().stream().map(k -> Reply.bulk(KeyCodec.bytes(k))).toList();
        return new Reply.ArrayReply(List.of(Reply.bulk(Long.toUnsignedString(page.next())), new Reply.ArrayReply(keys)));
    }

    /** A cursor as Redis reads one: an unsigned 64-bit decimal. */
    private static long cursor(String text) {
        try {
            BigInteger value = new BigInteger(text);
            if (value.signum() >= 0 && value.bitLength() <= 64 && text.chars().allMatch(Character::isDigit)) {
                return value.longValue();
            }
        } catch (NumberFormatException notANumber) {
            // the reply below
        }
        throw CommandError.err("invalid cursor");
    }

    /**
     * FLUSHDB and FLUSHALL [ASYNC|SYNC] (there is one database): every key deleted, in atomic batches of at most
     * {@code batch.max.writes} deletes and {@code batch.max.bytes} of keys, each published under its keys' stripe
     * locks as any write is. With more keys than one batch holds, a reader may see the flush part done; keys
     * written by other clients while it runs may remain.
     */
    private static Reply flush(Invocation call) {
        Args args = call.args();
        if (args.size() > 2 || args.size() == 2 && !args.is(1, "async") && !args.is(1, "sync")) {
            throw CommandError.syntax();
        }
        WarpEngine engine = call.engine();
        EngineConfig config = engine.config();
        List<String> chunk = new ArrayList<>();
        long bytes = 0;
        for (String key : engine.keys("")) {
            long keyBytes = KeyCodec.bytes(key).length;
            if (chunk.size() == config.batchMaxWrites() || bytes + keyBytes > config.batchMaxBytes()) {
                deleteAll(call.server(), chunk);
                chunk.clear();
                bytes = 0;
            }
            chunk.add(key);
            bytes += keyBytes;
        }
        deleteAll(call.server(), chunk);
        return Reply.OK;
    }

    private static void deleteAll(ServerContext server, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Batch batch = server.engine().batch();
        keys.forEach(batch::delete);
        int[] stripes = KeyLocks.stripes(keys);
        CompletableFuture<?> written;
        server.locks().lock(stripes);
        try {
            written = batch.commitAsync();
            server.locks().published(stripes, written);
        } finally {
            server.locks().unlock(stripes);
        }
        written.join();
    }
}
