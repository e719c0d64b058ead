package io.warpengine.journal;

/**
 * A damaged place in the journal, as {@link JournalScanner} finds it.
 *
 * @param kind         what is damaged, and whether it breaks the history
 * @param sequence     the first sequence that cannot be read in order there (for {@link Kind#SUPERSEDED}: the
 *                     sequence that the next entry re-used)
 * @param file         the journal file holding the damage
 * @param index        Chronicle index of the first document to cut to remove the damage
 * @param entryError   why the damaged entry does not decode (for {@link Kind#FOREIGN_FILE}: whose the file is);
 *                     null for {@link Kind#GAP} and {@link Kind#LOST_TAIL}
 * @param nextSequence for {@link Kind#GAP}: the sequence of the entry found instead; -1 otherwise
 */
public record JournalDamage(Kind kind, long sequence, String file, long index, String entryError, long nextSequence) {

    /** What a {@link JournalDamage} is. */
    public enum Kind {
        /** An entry that does not decode, followed by an entry that neither re-uses its sequence nor decodes. */
        CORRUPT_ENTRY,
        /** Intact entries whose sequences are not dense. */
        GAP,
        /** The last entry does not decode: a torn write, to cut off. */
        TORN_TAIL,
        /** The file records entries after the last readable one: cut short, or pages lost; the tail must be cut. */
        LOST_TAIL,
        /** A file that another data directory's engine wrote (it starts with that directory's id). */
        FOREIGN_FILE,
        /**
         * An entry that does not decode, whose sequence the next entry re-uses (the engine re-used it after the
         * crash that tore it): skipped, harmless. Not a break in the history.
         */
        SUPERSEDED
    }

    /** Whether nothing readable follows the damage: a tail that cutting removes without losing an intact entry. */
    public boolean tail() {
        return kind == Kind.TORN_TAIL || kind == Kind.LOST_TAIL;
    }

    /** Why the history breaks here, in words. */
    public String reason() {
        return switch (kind) {
            case CORRUPT_ENTRY, TORN_TAIL, SUPERSEDED, FOREIGN_FILE -> entryError;
            case GAP -> "the next entry has sequence " + nextSequence;
            case LOST_TAIL -> "the file records entries after sequence " + (sequence - 1)
                    + " that cannot be read (cut short, or pages lost)";
        };
    }

    /** One line naming the sequence, the file and the reason. */
    public String describe() {
        return "journal damaged at sequence " + sequence + " in " + file + ": " + reason();
    }
}
