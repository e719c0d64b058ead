package io.warpengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * The data directory's id at the start of each journal file: a Chronicle metadata document (which readers of
 * entries never see) holding {@code "WARPJID1"} and the 16-byte id, written before the file's first entry. A file
 * copied in from another engine's journal then shows as foreign instead of being replayed as this one's history.
 * Files written before ids carry none and are read as before.
 */
final class FileIdentity {

    private static final byte[] MAGIC = "WARPJID1".getBytes(StandardCharsets.US_ASCII);
    static final int LENGTH = MAGIC.length + 16;
    /** Chronicle's own metadata (the store header, index arrays) comes first: a few documents at most. */
    private static final int SEARCHED_DOCUMENTS = 16;

    private FileIdentity() {
    }

    /**
     * What a writer stamps new files with.
     *
     * @param record       the metadata document ({@link #record(UUID)})
     * @param currentCycle the queue's cycle by its clock: the file the next append goes to
     */
    record Stamp(byte[] record, IntSupplier currentCycle) {
    }

    /** The metadata document that stamps a file with {@code directoryId}. */
    static byte[] record(UUID directoryId) {
        return ByteBuffer.allocate(LENGTH).put(MAGIC).putLong(directoryId.getMostSignificantBits())
                .putLong(directoryId.getLeastSignificantBits()).array();
    }

    /** The id {@code cycle}'s file starts with, or null when it carries none (or does not exist). */
    static UUID of(ExcerptTailer tailer, int cycle) {
        if (!tailer.moveToCycle(cycle)) {
            return null;
        }
        for (int i = 0; i < SEARCHED_DOCUMENTS; i++) {
            try (DocumentContext dc = tailer.readingDocument(true)) {
                if (!dc.isPresent() || !dc.isMetaData()) {
                    return null; // an entry before any id: a file written before ids
                }
                Bytes<?> bytes = dc.wire().bytes();
                if (bytes.readRemaining() == LENGTH) {
                    byte[] record = new byte[LENGTH];
                    bytes.read(record);
                    if (Arrays.equals(record, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                        ByteBuffer id = ByteBuffer.wrap(record, MAGIC.length, 16);
                        return new UUID(id.getLong(), id.getLong());
                    }
                }
            }
        }
        return null;
    }
}
