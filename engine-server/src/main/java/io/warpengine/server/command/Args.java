package io.warpengine.server.command;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A request's arguments, the command name first, with Redis's parsing rules for numbers and options. */
public final class Args {

    private final List<byte[]> args;

    public Args(List<byte[]> args) {
        this.args = args;
    }

    public int size() {
        return args.size();
    }

    public byte[] bytes(int i) {
        return args.get(i);
    }

    /** Argument {@code i} as text (an option, a name); bytes that are not UTF-8 become U+FFFD. */
    public String text(int i) {
        return new String(args.get(i), StandardCharsets.UTF_8);
    }

    /** The command's name in lower case, as the command table and Redis's error texts name it. */
    public String name() {
        return lowerAscii(args.get(0));
    }

    /** Whether argument {@code i} is {@code word}, ignoring ASCII case (options such as NX, MATCH). */
    public boolean is(int i, String word) {
        byte[] arg = args.get(i);
        if (arg.length != word.length()) {
            return false;
        }
        for (int k = 0; k < arg.length; k++) {
            if (lower(arg[k]) != lower((byte) word.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Argument {@code i} as a signed 64-bit integer, parsed as Redis does (string2ll): an optional minus sign,
     * digits without a leading zero or a plus sign, nothing else; otherwise "value is not an integer or out of range".
     */
    public long integer(int i) {
        Long value = parseInteger(args.get(i));
        if (value == null) {
            throw CommandError.notAnInteger();
        }
        return value;
    }

    /** Argument {@code i} as a finite double, or "value is not a valid float". */
    public double decimal(int i) {
        try {
            double value = Double.parseDouble(text(i));
            if (!Double.isNaN(value) && !Double.isInfinite(value) && !text(i).isBlank()) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // the reply below
        }
        throw CommandError.err("value is not a valid float");
    }

    /** {@code bytes} as a Redis integer (see {@link #integer}), or null. */
    public static Long parseInteger(byte[] bytes) {
        int n = bytes.length;
        if (n == 0 || n > 20) {
            return null;
        }
        if (n == 1 && bytes[0] == '0') {
            return 0L;
        }
        boolean negative = bytes[0] == '-';
        int start = negative ? 1 : 0;
        if (start >= n || bytes[start] < '1' || bytes[start] > '9') {
            return null;
        }
        long value = 0; // accumulated negatively, so that Long.MIN_VALUE parses
        for (int k = start; k < n; k++) {
            int digit = bytes[k] - '0';
            if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            return null;
        }
        return negative ? value : -value;
    }

    private static String lowerAscii(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            chars[k] = (char) (lower(bytes[k]) & 0xff);
        }
        return new String(chars);
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
