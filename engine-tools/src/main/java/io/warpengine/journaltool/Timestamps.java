package io.warpengine.journaltool;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Journal timestamps (µs since the epoch) as ISO-8601 UTC with microseconds, e.g. {@code 2026-11-23T12:00:00.000042Z}.
 * Formatting caches the text of the current second: a dump formats millions of them.
 */
final class Timestamps {

    /** Characters (ASCII bytes) of a formatted timestamp. */
    static final int LENGTH = 27;

    private static final DateTimeFormatter TO_SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedPrefix;

    /** Writes {@code micros} as ASCII into {@code out} at {@code pos}; returns the position after it. */
    int write(long micros, byte[] out, int pos) {
        long second = Math.floorDiv(micros, 1_000_000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = TO_SECOND.format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
        }
        System.arraycopy(cachedPrefix, 0, out, pos, cachedPrefix.length);
        pos += cachedPrefix.length;
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        for (int i = pos + 4; i >= pos; i -= 2) {
            int pair = fraction % 100;
            fraction /= 100;
            out[i] = TextEntryPrinter.DIGIT_PAIRS[2 * pair];
            out[i + 1] = TextEntryPrinter.DIGIT_PAIRS[2 * pair + 1];
        }
        out[pos + 6] = 'Z';
        return pos + 7;
    }

    static String format(long micros) {
        byte[] bytes = new byte[LENGTH];
        return new String(bytes, 0, new Timestamps().write(micros, bytes, 0), StandardCharsets.US_ASCII);
    }

    /**
     * Parses an ISO-8601 instant with a zone ({@code 2026-11-23T12:00:00Z}, {@code 2026-11-23T13:00:00.5+01:00}).
     *
     * @throws IllegalArgumentException naming the expected form
     */
    static long parseMicros(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid time '" + text
                    + "': expected an ISO-8601 time with a zone, e.g. 2026-11-23T12:00:00Z or 2026-11-23T13:00:00.5+01:00");
        }
        return Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1000;
    }
}
