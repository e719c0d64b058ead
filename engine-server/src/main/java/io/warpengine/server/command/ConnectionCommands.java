package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;
import io.warpengine.server.resp.RespWriter;

import java.util.List;
import java.util.Locale;

/** PING, ECHO, QUIT, AUTH, HELLO, SELECT and CLIENT: the connection's own state, with Redis's replies. */
final class ConnectionCommands {

    /** The Redis version whose commands and replies this server follows: clients that gate features on it see it. */
    static final String REDIS_VERSION = "7.0.15";

    private ConnectionCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("ping", -1, Kind.SESSION, ConnectionCommands::ping),
                CommandSpec.of("echo", 2, Kind.SESSION, call -> Reply.bulk(call.args().bytes(1))),
                CommandSpec.of("quit", -1, Kind.SESSION, ConnectionCommands::quit).flag("no_auth"),
                CommandSpec.of("auth", -2, Kind.SESSION, ConnectionCommands::auth).flag("no_auth"),
                CommandSpec.of("hello", -1, Kind.SESSION, ConnectionCommands::hello).flag("no_auth"),
                CommandSpec.of("select", 2, Kind.SESSION, ConnectionCommands::select),
                CommandSpec.of("client", -2, Kind.SESSION, ConnectionCommands::client));
    }

    private static Reply ping(Invocation call) {
        return switch (call.args().size()) {
            case 1 -> Reply.PONG;
            case 2 -> Reply.bulk(call.args().bytes(1));
            default -> throw CommandError.wrongArity("ping");
        };
    }

    private static Reply quit(Invocation call) {
        call.session().quit();
        return Reply.OK;
    }

    private static Reply auth(Invocation call) {
        Args args = call.args();
        if (args.size() > 3) {
            throw CommandError.syntax();
        }
        if (!call.server().requiresPassword() && args.size() == 2) {
            throw CommandError.err("AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
        }
        authenticate(call, args.size() == 3 ? 1 : 0, args.size() - 1);
        return Reply.OK;
    }

    /** Checks the user (the only one is {@code default}) at {@code user} (0: none given) and the password. */
    private static void authenticate(Invocation call, int user, int password) {
        boolean defaultUser = user == 0 || call.args().is(user, "default");
        ServerContext server = call.server();
        if (!defaultUser || server.requiresPassword() && !server.passwordMatches(call.args().bytes(password))) {
            throw new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        call.session().authenticate();
    }

    /** HELLO [protover [AUTH username password] [SETNAME clientname]]: the protocol, and the server described. */
    private static Reply hello(Invocation call) {
        Args args = call.args();
        Session session = call.session();
        int protocol = session.protocol();
        if (args.size() > 1) {
            Long version = Args.parseInteger(args.bytes(1));
            if (version == null) {
                throw CommandError.err("Protocol version is not an integer or out of range");
            }
            if (version != RespWriter.RESP2 && version != RespWriter.RESP3) {
                throw new CommandError("NOPROTO unsupported protocol version");
            }
            protocol = version.intValue();
        }
        String name = null;
        for (int i = 2; i < args.size(); i++) {
            if (args.is(i, "auth") && i + 2 < args.size()) {
                authenticate(call, i + 1, i + 2);
                i += 2;
            } else if (args.is(i, "setname") && i + 1 < args.size()) {
                name = clientName(args, ++i);
            } else {
                throw CommandError.err("Syntax error in HELLO option '" + args.text(i) + "'");
            }
        }
        if (!session.authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the "
                    + "RESP protocol version at the same time");
        }
        if (name != null) {
            session.name(name.isEmpty() ? null : name);
        }
        session.protocol(protocol);
        return new Reply.MapReply(List.of(
                Reply.bulk("server"), Reply.bulk("warpengine"),
                Reply.bulk("version"), Reply.bulk(REDIS_VERSION),
                Reply.bulk("proto"), Reply.integer(protocol),
                Reply.bulk("id"), Reply.integer(session.id()),
                Reply.bulk("mode"), Reply.bulk("standalone"),
                Reply.bulk("role"), Reply.bulk("master"),
                Reply.bulk("modules"), Reply.EMPTY_ARRAY));
    }

    private static Reply select(Invocation call) {
        if (call.args().integer(1) != 0) {
            throw CommandError.err("DB index is out of range");
        }
        return Reply.OK;
    }

    private static Reply client(Invocation call) {
        Args args = call.args();
        String sub = args.text(1).toLowerCase(Locale.ROOT);
        int arity = switch (sub) {
            case "id", "getname" -> 2;
            case "setname" -> 3;
            case "setinfo" -> 4;
            default -> throw CommandError.err("unknown subcommand '" + args.text(1) + "'. Try CLIENT HELP.");
        };
        if (args.size() != arity) {
            throw CommandError.wrongArity("client|" + sub);
        }
        Session session = call.session();
        return switch (sub) {
            case "id" -> Reply.integer(session.id());
            case "getname" -> session.name() == null ? Reply.NIL : Reply.bulk(session.name());
            case "setname" -> {
                String name = clientName(args, 2);
                session.name(name.isEmpty() ? null : name);
                yield Reply.OK;
            }
            default -> setInfo(args);
        };
    }

    /** CLIENT SETINFO LIB-NAME|LIB-VER value: accepted (client libraries send it on connect), not kept. */
    private static Reply setInfo(Args args) {
        if (!args.is(2, "lib-name") && !args.is(2, "lib-ver")) {
            throw CommandError.err("Unrecognized option '" + args.text(2) + "'");
        }
        return Reply.OK;
    }

    /** A client name as Redis allows it: printable ASCII without spaces (empty clears the name). */
    private static String clientName(Args args, int i) {
        for (byte b : args.bytes(i)) {
            if (b < '!' || b > '~') {
                throw CommandError.err("Client names cannot contain spaces, newlines or special characters.");
            }
        }
        return args.text(i);
    }
}
