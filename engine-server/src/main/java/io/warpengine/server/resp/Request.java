package io.warpengine.server.resp;

import io.warpengine.server.command.Args;

/**
 * What a connection reads: a command's arguments, or the protocol error that ends the connection after the replies
 * to its earlier requests.
 *
 * @param args          the arguments, the command's name first; null for a protocol error
 * @param protocolError the error text (Redis's), or null
 */
public record Request(Args args, String protocolError) {

    public static Request of(Args args) {
        return new Request(args, null);
    }

    public static Request protocolError(String text) {
        return new Request(null, text);
    }
}
