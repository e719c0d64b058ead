package io.warpengine.journal;

/** The journal's history is damaged somewhere other than a torn tail; the engine refuses to open on it. */
public final class JournalCorruptedException extends RuntimeException {

    private final long sequence;
    private final String file;

    public JournalCorruptedException(long sequence, String file, String why) {
        super("journal corrupted at sequence " + sequence + " in " + file + ": " + why
                + ". The engine will not open on a damaged history; inspect it with './warp journal verify'"
                + " and cut the damage with './warp journal repair' (keeps a backup).");
        this.sequence = sequence;
        this.file = file;
    }

    public long sequence() {
        return sequence;
    }

    public String file() {
        return file;
    }
}
