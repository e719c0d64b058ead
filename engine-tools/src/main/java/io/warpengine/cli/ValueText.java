package io.warpengine.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decides how a value reads: as text when it is valid UTF-8 without control characters (tab, CR and LF allowed),
 * otherwise as hex or base64. The common case, printable ASCII, is checked without decoding.
 */
public final class ValueText {

    /** What a value is: PLAIN is printable ASCII that needs no escape in quotes (the common case). */
    public enum Kind { PLAIN, ASCII, UTF8, BINARY }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private String decoded;

    public Kind classify(byte[] value) {
        boolean ascii = true;
        boolean plain = true;
        for (byte b : value) {
            if (b < 0x20 || b >= 0x7f || b == '"' || b == '\\') {
                plain = false;
                if (b < 0) {
                    ascii = false;
                } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7f) {
                    return Kind.BINARY;
                }
            }
        }
        if (plain) {
            return Kind.PLAIN;
        }
        if (ascii) {
            return Kind.ASCII;
        }
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            return Kind.BINARY;
        }
        for (int i = 0; i < chars.length(); i++) {
            if (Character.isISOControl(chars.charAt(i)) && chars.charAt(i) > 0x7f) {
                return Kind.BINARY; // C1 controls
            }
        }
        decoded = chars.toString();
        return Kind.UTF8;
    }

    /** The text of the value {@link #classify} last found to be {@link Kind#UTF8}. */
    public String decoded() {
        return decoded;
    }

    /** Appends a key: bare when it can be ({@link #isBare}), otherwise quoted. */
    public static void appendKey(String key, StringBuilder out) {
        if (isBare(key)) {
            out.append(key);
        } else {
            appendQuoted(key, out);
        }
    }

    /** Appends a value: quoted text when it is printable, otherwise {@code hex:...} or {@code base64:...}. */
    public void appendValue(byte[] value, BinaryEncoding binary, StringBuilder out) {
        switch (classify(value)) {
            case PLAIN, ASCII -> appendQuotedAscii(value, out);
            case UTF8 -> appendQuoted(decoded, out);
            case BINARY -> appendEncoded(value, binary, out.append(binary.label()).append(':'));
        }
    }

    public static void appendEncoded(byte[] value, BinaryEncoding encoding, StringBuilder out) {
        if (encoding == BinaryEncoding.BASE64) {
            out.append(Base64.getEncoder().encodeToString(value));
            return;
        }
        for (byte b : value) {
            out.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    /**
     * Appends {@code text} in double quotes with JSON escapes, so that any key or value stays on one line and reads
     * back unambiguously.
     */
    public static void appendQuoted(CharSequence text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(text.charAt(i), out);
        }
        out.append('"');
    }

    /** As {@link #appendQuoted(CharSequence, StringBuilder)} for printable ASCII bytes, without decoding them. */
    public static void appendQuotedAscii(byte[] ascii, StringBuilder out) {
        out.append('"');
        for (byte b : ascii) {
            appendEscaped((char) b, out);
        }
        out.append('"');
    }

    private static void appendEscaped(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || Character.isISOControl(c)) {
                    out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                            .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** Whether a key can be shown bare: no spaces, quotes, backslashes or control characters. */
    public static boolean isBare(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return !key.isEmpty();
    }
}
