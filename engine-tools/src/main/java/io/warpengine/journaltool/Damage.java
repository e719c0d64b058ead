package io.warpengine.journaltool;

/**
 * The first place where the journal's history breaks.
 *
 * @param sequence the first sequence that cannot be read in order
 * @param file     the journal file holding the damage
 * @param index    Chronicle index of the first document to cut to remove the damage
 * @param tail     true when nothing readable follows the damage (a torn or cut-short tail)
 */
record Damage(long sequence, String file, String reason, long index, boolean tail) {

    String describe() {
        return "journal damaged at sequence " + sequence + " in " + file + ": " + reason;
    }
}
