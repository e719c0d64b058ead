package io.warpengine.server.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline commands ({@code SET k "hello world"} typed into telnet): a line split into words as Redis's sdssplitargs
 * splits it, with double quotes (and their escapes, {@code \n}, {@code \x41}...) and single quotes.
 */
final class InlineCommands {

    private InlineCommands() {
    }

    /** The words of an inline command, as Redis's sdssplitargs reads them; null when a quote is unbalanced. */
    static List<byte[]> split(byte[] line) {
        List<byte[]> words = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < line.length && isSpace(line[p])) {
                p++;
            }
            if (p == line.length) {
                return words;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = p < line.length ? line[p] : -1;
                int next = p + 1 < line.length ? line[p + 1] : -1;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && p + 3 < line.length && hex(line[p + 2]) >= 0 && hex(line[p + 3]) >= 0) {
                        word.write(hex(line[p + 2]) * 16 + hex(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && next != -1) {
                        p++;
                        word.write(unescape(next));
                    } else if (c == '"') {
                        if (next != -1 && !isSpace((byte) next)) {
                            return null; // a closing quote must end the word
                        }
                        done = true;
                    } else if (c == -1) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        word.write('\'');
                    } else if (c == '\'') {
                        if (next != -1 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == -1) {
                        return null;
                    } else {
                        word.write(c);
                    }
                } else if (c == -1 || isSpace((byte) c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    word.write(c);
                }
                if (p < line.length) {
                    p++;
                }
            }
            words.add(word.toByteArray());
        }
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }
}
