package io.warpengine.journal;

import java.nio.ByteBuffer;

/**
 * Payload of a PLACE entry: {@code int logicalShards, int writers} (the shape of the table it was made for), then
 * {@code int logicalShard, int writer}. A shape that is not a power of two of logical shards over 1 to that many
 * writers, or a shard or writer outside it, is corruption.
 */
final class PlacementCodec {

    static final int PAYLOAD_BYTES = 16;

    private PlacementCodec() {
    }

    static void encode(ByteBuffer out, int logicalShards, int writers, int logicalShard, int writer) {
        out.putInt(logicalShards).putInt(writers).putInt(logicalShard).putInt(writer);
    }

    static JournalEntry.Place decode(long sequence, long timestampMicros, ByteBuffer in) {
        int logicalShards = in.getInt();
        int writers = in.getInt();
        int logicalShard = in.getInt();
        int writer = in.getInt();
        if (logicalShards < 1 || Integer.bitCount(logicalShards) != 1 || writers < 1 || writers > logicalShards
                || logicalShard < 0 || logicalShard >= logicalShards || writer < 0 || writer >= writers) {
            throw new IllegalStateException("placement of logical shard " + logicalShard + " on writer " + writer
                    + " does not fit " + logicalShards + " logical shards over " + writers + " writers");
        }
        return new JournalEntry.Place(sequence, timestampMicros, logicalShards, writers, logicalShard, writer);
    }
}
