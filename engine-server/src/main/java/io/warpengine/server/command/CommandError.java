package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

/**
 * A command refused with a Redis error reply: the text starts with its code ({@code ERR}, {@code WRONGPASS}...).
 * Thrown before a command writes anything, so a refused command changes nothing. No stack trace: it is a reply,
 * not a fault, and some clients provoke one per request.
 */
public final class CommandError extends RuntimeException {

    public CommandError(String text) {
        super(text, null, false, false);
    }

    /** {@code ERR} and {@code text}. */
    public static CommandError err(String text) {
        return new CommandError("ERR " + text);
    }

    public static CommandError syntax() {
        return err("syntax error");
    }

    public static CommandError notAnInteger() {
        return err("value is not an integer or out of range");
    }

    public static CommandError wrongArity(String command) {
        return err("wrong number of arguments for '" + command + "' command");
    }

    public Reply reply() {
        return Reply.error(getMessage());
    }
}
