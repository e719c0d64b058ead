package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs one request of a connection: looks the command up, checks its arity and the connection's authentication,
 * queues it inside MULTI, and otherwise runs it as its {@link Kind} says. Called on the connection's event loop.
 */
public final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final ServerContext server;

    public CommandRunner(ServerContext server) {
        this.server = server;
    }

    /** Runs {@code args} for {@code session}, whose event loop's blind writes gather in {@code group}. */
    public Outcome run(Session session, Args args, WriteGroup group) {
        server.stats().command();
        CommandSpec spec = server.commands().find(args.bytes(0));
        try {
            if (spec == null) {
                throw unknownCommand(args);
            }
            if (!spec.accepts(args.size())) {
                throw CommandError.wrongArity(spec.name());
            }
            if (!session.authenticated() && !spec.noAuth()) {
                throw new CommandError("NOAUTH Authentication required.");
            }
            if (session.inTransaction() && !spec.controlsTransaction()) {
                return new Outcome.Done(queue(session, spec, args));
            }
        } catch (CommandError refused) {
            if (session.inTransaction()) {
                session.failTransaction();
            }
            return new Outcome.Done(refused.reply());
        }
        try {
            if (spec.kind() == Kind.WRITE && spec.blind().test(args)) {
                return blind(session, spec, args, group);
            }
            if (spec.kind() != Kind.SESSION) {
                group.publish(); // what this command reads, or waits for, includes the writes gathered so far
            }
            return execute(session, spec, args);
        } catch (CommandError refused) {
            return new Outcome.Done(refused.reply());
        } catch (MustWait wait) {
            return new Outcome.Retry(wait.write);
        } catch (RuntimeException e) {
            return new Outcome.Done(failure(spec, e));
        }
    }

    private Reply queue(Session session, CommandSpec spec, Args args) {
        if (!spec.queueable()) {
            throw CommandError.err("Command not allowed inside a transaction");
        }
        spec.keyNames(args, server.keyCodec()); // a bad key refuses the command now, as a bad arity does
        session.queue(args);
        return Reply.QUEUED;
    }

    private Outcome execute(Session session, CommandSpec spec, Args args) {
        return switch (spec.kind()) {
            case SESSION -> new Outcome.Done(handle(spec, args, List.of(), null, session));
            case READ -> new Outcome.Done(handle(spec, args, spec.keyNames(args, server.keyCodec()),
                    new KeyOverlay(server.engine(), server.locks()), session));
            case WRITE -> write(session, spec, args);
            case ENGINE -> afterOwnWrites(session, () -> new Outcome.Done(
                    handle(spec, args, spec.keyNames(args, server.keyCodec()), null, session)));
            case BACKGROUND -> afterOwnWrites(session, () -> {
                List<String> keys = spec.keyNames(args, server.keyCodec());
                return new Outcome.Barrier(CompletableFuture.supplyAsync(() -> handle(spec, args, keys, null, session),
                        server.background()).exceptionally(e -> failure(spec, e)));
            });
            case EXEC -> new TransactionCommands.Exec(server, this).run(session);
        };
    }

    /** Runs {@code command} once the connection's own writes are applied, so that it reads them. */
    private static Outcome afterOwnWrites(Session session, Supplier<Outcome> command) {
        CompletableFuture<?> own = session.pendingWrite();
        return own != null ? new Outcome.Retry(own) : command.get();
    }

    private Reply handle(CommandSpec spec, Args args, List<String> keys, KeyOverlay overlay, Session session) {
        return spec.handler().handle(new Invocation(args, keys, overlay, session, server));
    }

    /** A write command: its keys' stripes locked from its first read until its writes are published. */
    private Outcome write(Session session, CommandSpec spec, Args args) {
        List<String> keys = spec.keyNames(args, server.keyCodec());
        int[] stripes = KeyLocks.stripes(keys);
        server.locks().lock(stripes);
        try {
            KeyOverlay overlay = new KeyOverlay(server.engine(), server.locks());
            Reply reply = handle(spec, args, keys, overlay, session);
            return overlay.writes() ? published(session, stripes, overlay, reply) : new Outcome.Done(reply);
        } finally {
            server.locks().unlock(stripes);
        }
    }

    /**
     * A write that reads nothing: it joins the event loop's write group (under no lock: its keys are published
     * with the group), and is answered once the group is applied.
     */
    private Outcome blind(Session session, CommandSpec spec, Args args, WriteGroup group) {
        List<String> keys = spec.keyNames(args, server.keyCodec());
        KeyOverlay overlay = new KeyOverlay(server.engine(), server.locks());
        Reply reply = handle(spec, args, keys, overlay, session);
        CompletableFuture<Void> applied = group.add(overlay);
        if (applied == null) { // too large for a batch: published alone, for the engine to refuse with its reason
            group.publish();
            return write(session, spec, args);
        }
        session.wrote(applied);
        return new Outcome.Later(applied.handle((done, e) -> e == null ? reply : writeFailed(e)));
    }

    /**
     * Publishes {@code overlay}'s writes (the caller holds {@code stripes}) and answers {@code reply} once they are
     * applied, or the error that refused them.
     */
    Outcome published(Session session, int[] stripes, KeyOverlay overlay, Reply reply) {
        CompletableFuture<?> written;
        try {
            written = overlay.publish();
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return new Outcome.Done(Reply.error("ERR " + refused.getMessage()));
        }
        server.locks().published(stripes, written);
        session.wrote(written);
        CompletableFuture<Reply> answer = written.handle((done, e) -> e == null ? resolved(reply, done)
                : writeFailed(e));
        return answer.isDone() ? new Outcome.Done(answer.join()) : new Outcome.Later(answer);
    }

    /** The reply, or for a {@link Reply.FromWrite} the engine's answer to the one write published ({@code written}). */
    private static Reply resolved(Reply reply, Object written) {
        if (reply instanceof Reply.FromWrite w) {
            return written instanceof Boolean changed ? (changed ? Reply.ONE : Reply.ZERO) : w.judged();
        }
        return reply;
    }

    /** Redis's text: the name and up to 128 bytes of the arguments, each quoted. */
    static CommandError unknownCommand(Args args) {
        StringBuilder start = new StringBuilder();
        for (int i = 1; i < args.size() && start.length() < 128; i++) {
            String arg = args.text(i);
            start.append('\'').append(arg, 0, Math.min(arg.length(), 128 - start.length())).append("' ");
        }
        String name = new String(args.bytes(0), StandardCharsets.UTF_8);
        return CommandError.err("unknown command '" + name.substring(0, Math.min(name.length(), 128))
                + "', with args beginning with: " + start);
    }

    private static Reply writeFailed(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return Reply.error("ERR write failed: " + cause.getMessage());
    }

    /** An unexpected failure: the client gets an error reply, the log the stack trace. */
    private static Reply failure(CommandSpec spec, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CommandError refused) {
            return refused.reply();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
            return Reply.error("ERR " + cause.getMessage());
        }
        LOG.warn("{} failed", spec.name(), cause);
        return Reply.error("ERR " + spec.name() + " failed: " + cause);
    }
}
