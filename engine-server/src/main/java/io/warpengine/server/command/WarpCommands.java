package io.warpengine.server.command;

import io.warpengine.Entangled;
import io.warpengine.QuantumResult;
import io.warpengine.server.resp.Reply;

import java.util.ArrayList;
import java.util.List;

/** WarpEngine's own commands, under the WARP. prefix: quantumGet, entangle, disentangle. */
final class WarpCommands {

    private WarpCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                CommandSpec.of("warp.qget", 2, Kind.ENGINE, WarpCommands::quantumGet).keys(1, 1, 1),
                CommandSpec.of("warp.entangle", -4, Kind.BACKGROUND, WarpCommands::entangle).keys(1, 1, 1)
                        .flag("write"),
                CommandSpec.of("warp.disentangle", -3, Kind.BACKGROUND, WarpCommands::disentangle).keys(1, 1, 1)
                        .flag("write"));
    }

    /**
     * WARP.QGET key: the key's value (or nil), its entangled keys that hold a value, strongest first, each as
     * [key, value, strength, declared], how many entangled keys were read, and the share found: all read at one
     * point of the engine's sequence.
     */
    private static Reply quantumGet(Invocation call) {
        QuantumResult result = call.engine().quantumGet(call.key(0));
        List<Reply> entangled = new ArrayList<>();
        for (Entangled e : result.entangled()) {
            entangled.add(Reply.array(List.of(Reply.bulk(KeyCodec.bytes(e.key())), Reply.bulk(e.value()),
                    new Reply.DoubleReply(asStored(e.strength())), new Reply.BooleanReply(e.declared()))));
        }
        return Reply.array(List.of(Reply.bulk(result.value().orElse(null)), new Reply.ArrayReply(entangled),
                Reply.integer(result.requested()), new Reply.DoubleReply(result.efficiency())));
    }

    /** A strength at the precision the engine keeps it (a float), so that 0.9 reads back as 0.9. */
    private static double asStored(double strength) {
        return Double.parseDouble(Float.toString((float) strength));
    }

    /** WARP.ENTANGLE primary strength key [key ...]: journaled, so it survives restarts. */
    private static Reply entangle(Invocation call) {
        double strength = call.args().decimal(2);
        call.engine().entangle(call.key(0), related(call, 3), strength);
        return Reply.OK;
    }

    /** WARP.DISENTANGLE primary key [key ...]. */
    private static Reply disentangle(Invocation call) {
        call.engine().disentangle(call.key(0), related(call, 2));
        return Reply.OK;
    }

    private static List<String> related(Invocation call, int from) {
        List<String> keys = new ArrayList<>();
        for (int i = from; i < call.args().size(); i++) {
            keys.add(call.server().keyCodec().key(call.args().bytes(i)));
        }
        return keys;
    }
}
