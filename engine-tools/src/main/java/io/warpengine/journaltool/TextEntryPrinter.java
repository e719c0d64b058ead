package io.warpengine.journaltool;

import io.warpengine.cli.ValueText;
import io.warpengine.cli.BinaryEncoding;
import io.warpengine.PutOptions;
import io.warpengine.journal.JournalEntry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Readable lines: {@code <sequence> <time> PUT <key> <value>} (then {@code options=<access>/<priority>} for a key
 * put with options), {@code <sequence> <time> DELETE <key>}, {@code <sequence> <time> ENTANGLE <primary>
 * <strength> <key>...}, {@code <sequence> <time> DISENTANGLE <primary> <key>...} and {@code <sequence> <time> PLACE
 * logical=<shard> writer=<writer> table=<logical shards>/<writers>}. A key is
 * bare unless it has spaces, quotes or control characters (then it is quoted like a JSON string); a printable value
 * is quoted, another is shown as {@code hex:...} or {@code base64:...}.
 *
 * <p>Lines are built as UTF-8 in one reused byte buffer and written in large chunks: a dump prints millions of
 * lines, and building them through a {@link StringBuilder} and a char encoder measured slower than the scan itself.
 * A plain value (printable ASCII needing no escape) is copied as it is, checked in the same pass.
 */
final class TextEntryPrinter implements EntryPrinter {

    private static final int CHUNK = 1 << 16;
    private static final byte[] PUT_OP = " PUT ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELETE_OP = " DELETE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_OP = " BATCH ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENTANGLE_OP = " ENTANGLE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DISENTANGLE_OP = " DISENTANGLE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPTIONS = " options=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPIRE_OP = " EXPIRE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PERSIST_OP = " PERSIST ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REAP_OP = " REAP ".getBytes(StandardCharsets.US_ASCII);
    /** Non-zero for the bytes a plain value must not contain: controls, DEL, quote, backslash, non-ASCII. */
    private static final byte[] NOT_PLAIN = new byte[256];

    /** "00" to "99": numbers are written two digits at a time. */
    static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int n = 0; n < 100; n++) {
            DIGIT_PAIRS[2 * n] = (byte) ('0' + n / 10);
            DIGIT_PAIRS[2 * n + 1] = (byte) ('0' + n % 10);
        }
        for (int b = 0; b < 256; b++) {
            NOT_PLAIN[b] = (byte) (b < 0x20 || b >= 0x7f || b == '"' || b == '\\' ? 1 : 0);
        }
    }

    private final LineOutput out;
    private final BinaryEncoding binary;
    private final Timestamps time = new Timestamps();
    private final ValueText values = new ValueText();
    private final StringBuilder scratch = new StringBuilder();
    private byte[] buf = new byte[2 * CHUNK];
    private int pos;

    TextEntryPrinter(LineOutput out, BinaryEncoding binary) {
        this.out = out;
        this.binary = binary;
    }

    /** A batch prints as {@code SEQ TIME BATCH n}, then each member as a line of its own with the batch's sequence. */
    @Override
    public void print(JournalEntry entry) {
        if (entry instanceof JournalEntry.Batch batch) {
            ensure(64 + Timestamps.LENGTH);
            byte[] b = buf;
            int p = putLong(b, pos, entry.sequence());
            b[p++] = ' ';
            p = time.write(entry.timestampMicros(), b, p);
            p = put(b, p, BATCH_OP);
            p = putLong(b, p, batch.writes().size());
            b[p++] = '\n';
            pos = p;
            for (JournalEntry.KeyWrite write : batch.writes()) {
                printKeyWrite(write);
            }
        } else if (entry instanceof JournalEntry.Entangle e) {
            printRelation(e, ENTANGLE_OP, e.primary(), String.valueOf(e.strength()), e.related());
        } else if (entry instanceof JournalEntry.Disentangle d) {
            printRelation(d, DISENTANGLE_OP, d.primary(), null, d.related());
        } else if (entry instanceof JournalEntry.Reap r) {
            printRelation(r, REAP_OP, r.keys().get(0), null, r.keys().subList(1, r.keys().size()));
        } else if (entry instanceof JournalEntry.Place pl) {
            ensure(128 + Timestamps.LENGTH);
            byte[] b = buf;
            int p = putLong(b, pos, entry.sequence());
            b[p++] = ' ';
            p = time.write(entry.timestampMicros(), b, p);
            p = put(b, p, (" PLACE logical=" + pl.logicalShard() + " writer=" + pl.writer() + " table="
                    + pl.logicalShards() + "/" + pl.writers() + "\n").getBytes(StandardCharsets.US_ASCII));
            pos = p;
        } else {
            printKeyWrite((JournalEntry.KeyWrite) entry);
        }
    }

    private void printRelation(JournalEntry entry, byte[] op, String primary, String strength, List<String> related) {
        int room = 64 + Timestamps.LENGTH + 6 * primary.length();
        for (String key : related) {
            room += 1 + 6 * key.length();
        }
        ensure(room);
        byte[] b = buf;
        int p = putLong(b, pos, entry.sequence());
        b[p++] = ' ';
        p = time.write(entry.timestampMicros(), b, p);
        p = put(b, p, op);
        p = putKey(b, p, primary);
        if (strength != null) {
            b[p++] = ' ';
            p = put(b, p, strength.getBytes(StandardCharsets.US_ASCII));
        }
        for (String key : related) {
            b[p++] = ' ';
            p = putKey(b, p, key);
        }
        b[p++] = '\n';
        pos = p;
        if (p >= CHUNK) {
            drain();
        }
    }

    private int putKey(byte[] b, int p, String key) {
        int end = putBareAsciiKey(b, p, key);
        return end >= 0 ? end : putEscapedKey(b, p, key);
    }

    private void printKeyWrite(JournalEntry.KeyWrite entry) {
        String key = entry.key();
        byte[] value = entry.accept(EntryValues.VALUE);
        // Room for the longest form of this line: every UTF-16 unit escaped to six bytes, or base64/hex.
        ensure(64 + Timestamps.LENGTH + 6 * key.length() + (value == null ? 0 : 6 * value.length));
        byte[] b = buf; // locals, not fields, in the loops below: measured ~2x faster
        int p = putLong(b, pos, entry.sequence());
        b[p++] = ' ';
        p = time.write(entry.timestampMicros(), b, p);
        p = put(b, p, entry instanceof JournalEntry.Put ? PUT_OP : entry instanceof JournalEntry.Delete ? DELETE_OP
                : ((JournalEntry.Expire) entry).expiresAtMillis() == 0 ? PERSIST_OP : EXPIRE_OP);
        p = putKey(b, p, key);
        if (value != null) {
            b[p++] = ' ';
            int end = putPlainValue(b, p, value);
            p = end >= 0 ? end : putEncodedValue(b, p, value);
        }
        if (entry instanceof JournalEntry.Put put && put.options() != 0) {
            p = put(b, p, OPTIONS);
            p = put(b, p, PutOptions.ofCode(put.options()).toString().getBytes(StandardCharsets.US_ASCII));
        }
        long expiresAt = expiryOf(entry);
        if (expiresAt != 0) {
            p = put(b, p, (" expires=" + Instant.ofEpochMilli(expiresAt)).getBytes(StandardCharsets.US_ASCII));
        }
        b[p++] = '\n';
        pos = p;
        if (p >= CHUNK) {
            drain();
        }
    }

    /** The expiry time a put or an expire sets, or 0 (none, or a delete). */
    static long expiryOf(JournalEntry.KeyWrite entry) {
        if (entry instanceof JournalEntry.Put put) {
            return put.expiresAtMillis();
        }
        return entry instanceof JournalEntry.Expire expire ? expire.expiresAtMillis() : 0;
    }

    /** Copies a plain value (printable ASCII needing no escape) in quotes; -1, writing nothing useful, for another. */
    private static int putPlainValue(byte[] b, int p, byte[] value) {
        b[p] = '"';
        System.arraycopy(value, 0, b, p + 1, value.length);
        int notPlain = 0;
        for (byte v : value) {
            notPlain |= NOT_PLAIN[v & 0xff];
        }
        b[p + 1 + value.length] = '"';
        return notPlain == 0 ? p + value.length + 2 : -1;
    }

    /** Copies a key of printable ASCII without spaces or quotes (the common case); -1 for another. */
    private static int putBareAsciiKey(byte[] b, int p, String key) {
        int length = key.length();
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\') {
                return -1;
            }
            b[p + i] = (byte) c;
        }
        return length > 0 ? p + length : -1;
    }

    private static int put(byte[] b, int p, byte[] bytes) {
        System.arraycopy(bytes, 0, b, p, bytes.length);
        return p + bytes.length;
    }

    /** Writes a non-negative number in decimal, two digits per division. */
    static int putLong(byte[] b, int p, long v) {
        int digits = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int i = p + digits;
        while (v >= 100) {
            int pair = (int) (v % 100);
            v /= 100;
            b[--i] = DIGIT_PAIRS[2 * pair + 1];
            b[--i] = DIGIT_PAIRS[2 * pair];
        }
        if (v >= 10) {
            b[--i] = DIGIT_PAIRS[2 * (int) v + 1];
            b[--i] = DIGIT_PAIRS[2 * (int) v];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        return p + digits;
    }

    /** The slow path of a key with spaces, quotes, controls or non-ASCII characters: through {@link ValueText}. */
    private int putEscapedKey(byte[] b, int p, String key) {
        scratch.setLength(0);
        ValueText.appendKey(key, scratch);
        return put(b, p, scratch.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The slow path of a value that needs escapes or an encoding. */
    private int putEncodedValue(byte[] b, int p, byte[] value) {
        scratch.setLength(0);
        values.appendValue(value, binary, scratch);
        return put(b, p, scratch.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void ensure(int room) {
        if (buf.length - pos < room) {
            drain();
            if (buf.length < room) {
                buf = new byte[room];
            }
        }
    }

    private void drain() {
        out.writeLines(buf, pos);
        pos = 0;
    }

    @Override
    public void flush() {
        drain();
        out.flush();
    }
}
