package io.warpengine;

import java.util.Locale;

/**
 * How a key is expected to be used, given with {@link WarpEngine#put(String, byte[], PutOptions)} and kept (and
 * journaled) as the key's metadata until its next put or delete. A plain {@code put} gives the key
 * {@link #DEFAULT}. With memory tiers on ({@code memory.max.bytes}), a {@link Priority#CRITICAL} key's value never
 * leaves memory, and a cold one ({@link #temperature()}) is demoted first, straight to the deep cache.
 *
 * @param access   the expected access pattern
 * @param priority how much the key matters when memory is short
 */
public record PutOptions(AccessPattern access, Priority priority) {

    /** Balanced access, normal priority: what a plain {@code put} gives. */
    public static final PutOptions DEFAULT = new PutOptions(AccessPattern.BALANCED, Priority.NORMAL);

    public PutOptions {
        if (access == null || priority == null) {
            throw new IllegalArgumentException("put options need an access pattern and a priority, got " + access
                    + " and " + priority);
        }
    }

    /** Options with {@code access} and {@code priority}. */
    public static PutOptions of(AccessPattern access, Priority priority) {
        return new PutOptions(access, priority);
    }

    /** These options with another access pattern. */
    public PutOptions withAccess(AccessPattern pattern) {
        return new PutOptions(pattern, priority);
    }

    /** These options with another priority. */
    public PutOptions withPriority(Priority p) {
        return new PutOptions(access, p);
    }

    /** The expected access pattern; {@code BALANCED} defers to the priority (see {@link #temperature()}). */
    public enum AccessPattern { BALANCED, HOT, WARM, COLD }

    public enum Priority { NORMAL, CRITICAL, HIGH, LOW, BACKGROUND }

    /**
     * The access pattern a key is treated with: its own, or for {@code BALANCED} the one its priority implies
     * (critical and high: hot; normal: warm; low and background: cold), as the original engine placed keys.
     */
    public AccessPattern temperature() {
        if (access != AccessPattern.BALANCED) {
            return access;
        }
        return switch (priority) {
            case CRITICAL, HIGH -> AccessPattern.HOT;
            case NORMAL -> AccessPattern.WARM;
            case LOW, BACKGROUND -> AccessPattern.COLD;
        };
    }

    /** The one byte the journal stores: 0 for {@link #DEFAULT}. */
    public byte code() {
        return (byte) (access.ordinal() | priority.ordinal() << 2);
    }

    /**
     * The options stored as {@code code}.
     *
     * @throws IllegalArgumentException when no options have that code
     */
    public static PutOptions ofCode(byte code) {
        int a = code & 0b11;
        int p = (code >> 2) & 0b111;
        if ((code & ~0b11111) != 0 || p >= Priority.values().length) {
            throw new IllegalArgumentException("no put options are stored as " + code);
        }
        return new PutOptions(AccessPattern.values()[a], Priority.values()[p]);
    }

    @Override
    public String toString() {
        return access.name().toLowerCase(Locale.ROOT) + "/" + priority.name().toLowerCase(Locale.ROOT);
    }
}
