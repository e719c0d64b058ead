package io.warpengine.server.command;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How RESP's binary keys map onto the engine's String keys: a key that is valid UTF-8 is the text it encodes (and
 * reads back as the same bytes); any other key is refused with an error reply before anything is read or written,
 * as is a key the engine would refuse (empty, or over {@code key.max.bytes}). Strict decoding keeps the mapping
 * one-to-one: a lenient decoder would turn two different invalid keys into the same text with U+FFFD in it.
 */
public final class KeyCodec {

    private static final ThreadLocal<CharsetDecoder> DECODERS = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private final int maxKeyBytes;

    /** @param maxKeyBytes the engine's {@code key.max.bytes} */
    public KeyCodec(int maxKeyBytes) {
        this.maxKeyBytes = maxKeyBytes;
    }

    /** The engine key for {@code bytes}, or an error reply naming why there is none. */
    public String key(byte[] bytes) {
        if (bytes.length == 0) {
            throw CommandError.err("invalid key: WarpEngine keys are not empty");
        }
        if (bytes.length > maxKeyBytes) {
            throw CommandError.err("invalid key: " + bytes.length + " bytes, over key.max.bytes=" + maxKeyBytes);
        }
        String ascii = asciiOrNull(bytes);
        if (ascii != null) {
            return ascii;
        }
        try {
            return DECODERS.get().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CommandError.err("invalid key: not valid UTF-8; WarpEngine keys are text, nothing was written");
        }
    }

    /** The bytes a client sees for {@code key}. */
    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The common case without a decoder: every byte ASCII. */
    private static String asciiOrNull(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return null;
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
