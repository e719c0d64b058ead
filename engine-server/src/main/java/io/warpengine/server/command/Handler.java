package io.warpengine.server.command;

import io.warpengine.server.resp.Reply;

/** What a command does. */
@FunctionalInterface
public interface Handler {
    Reply handle(Invocation call);
}
