package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MULTI, EXEC, DISCARD. MULTI queues key commands (and PING, ECHO); EXEC runs them in order under the stripe locks
 * of every key they name, each seeing the writes of those before it, and publishes all their writes as one atomic
 * batch: no other client's command on those keys runs in between, no reader sees part of it, and after a crash it
 * is wholly there or absent. A command that fails at EXEC (INCR of a non-integer) answers its error and writes
 * nothing; the others go on, as in Redis. WATCH is not offered.
 */
final class TransactionCommands {

    private TransactionCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("multi", 1, Kind.SESSION, TransactionCommands::multi),
                CommandSpec.of("exec", 1, Kind.EXEC, null), // the runner runs it as an Exec: its outcome is no reply
                CommandSpec.of("discard", 1, Kind.SESSION, TransactionCommands::discard));
    }

    private static Reply multi(Invocation call) {
        if (call.session().inTransaction()) {
            throw CommandError.err("MULTI calls can not be nested");
        }
        call.session().beginTransaction();
        return Reply.OK;
    }

    private static Reply discard(Invocation call) {
        if (!call.session().inTransaction()) {
            throw CommandError.err("DISCARD without MULTI");
        }
        call.session().endTransaction();
        return Reply.OK;
    }

    /** One EXEC of a connection's queued commands. */
    static final class Exec {

        private final ServerContext server;
        private final CommandRunner runner;

        Exec(ServerContext server, CommandRunner runner) {
            this.server = server;
            this.runner = runner;
        }

        /**
         * The replies of the queued commands once their writes are applied. A read that meets a write still being
         * applied ({@link MustWait}) abandons the whole run, which nothing has published yet: the connection runs
         * EXEC again, and the transaction stays queued until then.
         */
        Outcome run(Session session) {
            if (!session.inTransaction()) {
                throw CommandError.err("EXEC without MULTI");
            }
            if (session.transactionFailed()) {
                session.endTransaction();
                throw new CommandError("EXECABORT Transaction discarded because of previous errors.");
            }
            List<Args> queued = session.queued();
            List<List<String>> keys = new ArrayList<>();
            Set<String> allKeys = new LinkedHashSet<>();
            for (Args args : queued) {
                List<String> names = spec(args).keyNames(args, server.keyCodec());
                keys.add(names);
                allKeys.addAll(names);
            }
            int[] stripes = KeyLocks.stripes(allKeys);
            server.locks().lock(stripes);
            try {
                KeyOverlay overlay = new KeyOverlay(server.engine(), server.locks());
                List<Reply> replies = new ArrayList<>();
                for (int i = 0; i < queued.size(); i++) {
                    replies.add(runOne(session, queued.get(i), keys.get(i), overlay));
                }
                session.endTransaction();
                Reply reply = new Reply.ArrayReply(replies);
                return overlay.writes() ? runner.published(session, stripes, overlay, reply) : new Outcome.Done(reply);
            } finally {
                server.locks().unlock(stripes);
            }
        }

        /** One queued command, on an overlay of its own that joins the transaction's only when it succeeds. */
        private Reply runOne(Session session, Args args, List<String> keys, KeyOverlay transaction) {
            KeyOverlay own = transaction.child();
            try {
                Reply reply = spec(args).handler().handle(new Invocation(args, keys, own, session, server));
                own.commitToParent();
                return reply;
            } catch (CommandError refused) {
                return refused.reply();
            }
        }

        private CommandSpec spec(Args args) {
            return server.commands().find(args.bytes(0));
        }
    }
}
