package io.warpengine.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Length-prefixed reads shared by the payload codecs; a length that overruns the frame is corruption. */
final class FrameReads {

    private FrameReads() {
    }

    static byte[] bytes(ByteBuffer in) {
        byte[] out = new byte[length(in)];
        in.get(out);
        return out;
    }

    static String string(ByteBuffer in) {
        int length = length(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static int length(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("length " + length + " overruns the entry (" + in.remaining() + " bytes left)");
        }
        return length;
    }
}
