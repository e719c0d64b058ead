package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The binary layout of a snapshot file (big-endian, {@link DataOutputStream}), version 7:
 * <pre>
 *   8 bytes  magic "WARPSNP7"
 *   16 bytes the id of the data directory that wrote it ({@code io.warpengine.DataDirectoryId}; 0: not known): a
 *            snapshot copied in from another directory is told apart
 *   long     engine sequence S: every entry up to it is in the state, replay starts after it
 *   long     wall-clock time of entry S, µs since the epoch
 *   expiry   int keyLength (at least 1), key, long expiry time (ms since the epoch, above 0); then int -1. Read
 *            from the state before the entries are (see {@link SnapshotSource#forEachExpiry})
 *   entries  int keyLength (at least 1), key (UTF-8), then either int storedLength (at least 16) and the stored
 *            value ({@link StoredValue}: the value, then the sequence and time of the write that set it), or
 *            int -2, long location (not 0) and int storedLength: a value in the deep tier ({@link DeepValue})
 *   int      -1: the end of the entries (their number is not known before a fuzzy snapshot has iterated)
 *   long     number of entries
 *   options  int keyLength (at least 1), key, byte put-options code (not 0); then int -1
 *   entangle int primaryLength (at least 1), primary, int count (at least 1), count times (int keyLength, key,
 *            float strength); then int -1
 *   routing  int logicalShards (0: none), and when not 0: int writers, logicalShards times int owner
 *   long     end sequence E: no entry after it is in the state (E = S for a cut with the writers stopped)
 *   long     wall-clock time of entry E
 *   int      CRC32C of every byte above
 * </pre>
 * Older versions are still read: version 6 ("WARPSNP6": as 7 without the expiry section); version 5 ("WARPSNP5":
 * as 6 with every value in the file); with no directory id:
 * version 4 ("WARPSNP4": as 5 without the id); their values
 * with sequence and time 0 (unknown): version 3 ("WARPSNP3": as 4
 * with plain values), version 2 ("WARPSNP2": as 3 without the options and entanglement sections) and version 1
 * ("WARPSNP1": S, time, count, entries, CRC; E = S; no options, no entanglements, no routing).
 */
final class SnapshotFormat {

    static final byte[] MAGIC = "WARPSNP7".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V6 = "WARPSNP6".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V5 = "WARPSNP5".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V4 = "WARPSNP4".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V3 = "WARPSNP3".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V2 = "WARPSNP2".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC_V1 = "WARPSNP1".getBytes(StandardCharsets.US_ASCII);
    private static final int END_OF_ENTRIES = -1;
    /** In place of a stored value's length: the value is in the deep tier. */
    private static final int DEEP_VALUE = -2;
    /** Written where the snapshot's directory is not known (a tool's output): no id, no check. */
    private static final UUID NO_DIRECTORY = new UUID(0, 0);
    private static final int BUFFER = 1 << 16;

    private SnapshotFormat() {
    }

    /** A snapshot read back, and the id of the data directory that wrote it (null before version 5, or not known). */
    record Read(Snapshot snapshot, UUID directory) {
    }

    /**
     * Writes a snapshot of {@code source}, stamped with {@code directory}'s id, to {@code out}; does not close it.
     * Returns the number of entries.
     */
    static long write(OutputStream out, SnapshotSource source, UUID directory) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, BUFFER), crc));
        data.write(MAGIC);
        data.writeLong(directory == null ? 0 : directory.getMostSignificantBits());
        data.writeLong(directory == null ? 0 : directory.getLeastSignificantBits());
        data.writeLong(source.sequence());
        data.writeLong(source.timestampMicros());
        try {
            source.forEachExpiry((key, atMillis) -> {
                try {
                    writeString(data, key);
                    data.writeLong(atMillis);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        data.writeInt(END_OF_ENTRIES);
        long[] count = {0};
        try {
            source.forEach(new SnapshotSource.EntryVisitor() {
                @Override
                public void value(String key, byte[] stored) {
                    try {
                        writeString(data, key);
                        data.writeInt(stored.length);
                        data.write(stored);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                }

                @Override
                public void deep(String key, DeepValue deep) {
                    try {
                        writeString(data, key);
                        data.writeInt(DEEP_VALUE);
                        data.writeLong(deep.location());
                        data.writeInt(deep.storedLength());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        data.writeInt(END_OF_ENTRIES);
        data.writeLong(count[0]);
        try {
            source.forEachKeyOptions((key, code) -> {
                try {
                    writeString(data, key);
                    data.writeByte(code);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            data.writeInt(END_OF_ENTRIES);
            source.forEachEntanglement((primary, related) -> {
                try {
                    writeString(data, primary);
                    data.writeInt(related.size());
                    for (Map.Entry<String, Float> link : related.entrySet()) {
                        writeString(data, link.getKey());
                        data.writeFloat(link.getValue());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            data.writeInt(END_OF_ENTRIES);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Snapshot.Placement placement = source.placement();
        if (placement == null) {
            data.writeInt(0);
        } else {
            data.writeInt(placement.logicalShards());
            data.writeInt(placement.writers());
            for (int owner : placement.owners()) {
                data.writeInt(owner);
            }
        }
        data.writeLong(source.endSequence());
        data.writeLong(source.endTimestampMicros());
        data.flush();
        new DataOutputStream(out).writeInt((int) crc.getValue());
        out.flush();
        return count[0];
    }

    /**
     * Reads and verifies a whole snapshot.
     *
     * @throws CorruptSnapshotException when the magic, a length, the count or the CRC is wrong, or the file is cut
     *                                  short
     */
    static Snapshot read(InputStream in) throws IOException {
        return readWithDirectory(in).snapshot();
    }

    /** As {@link #read}, with the id of the directory that wrote the snapshot. */
    static Read readWithDirectory(InputStream in) throws IOException {
        return readWithDirectory(in, null);
    }

    /**
     * As {@link #readWithDirectory(InputStream)}; with a {@code sink}, the entries go to it as they are read instead
     * of into the snapshot (whose arrays are then empty), so a snapshot larger than memory can be loaded. The sink
     * sees entries before the checksum is checked: a caller that cannot take them back verifies the file first.
     */
    static Read readWithDirectory(InputStream in, SnapshotSource.EntryVisitor sink) throws IOException {
        CRC32C crc = new CRC32C();
        DataInputStream data = new DataInputStream(new CheckedInputStream(new BufferedInputStream(in, BUFFER), crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            boolean v1 = Arrays.equals(magic, MAGIC_V1);
            boolean v2 = Arrays.equals(magic, MAGIC_V2);
            boolean v3 = Arrays.equals(magic, MAGIC_V3);
            boolean v4 = Arrays.equals(magic, MAGIC_V4);
            boolean v5 = Arrays.equals(magic, MAGIC_V5);
            boolean v6 = Arrays.equals(magic, MAGIC_V6);
            boolean v7 = Arrays.equals(magic, MAGIC);
            if (!v1 && !v2 && !v3 && !v4 && !v5 && !v6 && !v7) {
                throw new CorruptSnapshotException("not a WarpEngine snapshot (bad magic)");
            }
            UUID directory = v5 || v6 || v7 ? new UUID(data.readLong(), data.readLong()) : null;
            if (NO_DIRECTORY.equals(directory)) {
                directory = null;
            }
            long sequence = data.readLong();
            long timestamp = data.readLong();
            SnapshotEntries entries = new SnapshotEntries(sink);
            Snapshot snapshot = v1 ? readV1Body(data, sequence, timestamp, entries)
                    : readBody(data, sequence, timestamp, !v2, !v2 && !v3, v6 || v7, v7, entries);
            int computed = (int) crc.getValue();
            int stored = data.readInt();
            if (stored != computed) {
                throw new CorruptSnapshotException("CRC32C mismatch");
            }
            if (data.read() != -1) {
                throw new CorruptSnapshotException("trailing bytes after the checksum");
            }
            return new Read(snapshot, directory);
        } catch (EOFException e) {
            throw new CorruptSnapshotException("file ends early");
        }
    }

    private static Snapshot readV1Body(DataInputStream data, long sequence, long timestamp, SnapshotEntries entries)
            throws IOException {
        long count = data.readLong();
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw new CorruptSnapshotException("impossible entry count " + count);
        }
        for (long i = 0; i < count; i++) {
            entries.value(new String(readBlock(data), StandardCharsets.UTF_8), StoredValue.of(readBlock(data), 0, 0));
        }
        return new Snapshot(sequence, timestamp, sequence, timestamp, entries.keys(), entries.values(),
                entries.deep(), Map.of(), Map.of(), null, Map.of());
    }

    private static Snapshot readBody(DataInputStream data, long sequence, long timestamp, boolean physics,
                                     boolean storedValues, boolean deepValues, boolean expiryTimes,
                                     SnapshotEntries entries) throws IOException {
        int keyLength;
        Map<String, Long> expiries = new HashMap<>();
        while (expiryTimes && (keyLength = data.readInt()) != END_OF_ENTRIES) {
            String key = readString(data, keyLength);
            long atMillis = data.readLong();
            if (atMillis <= 0 || expiries.put(key, atMillis) != null) {
                throw new CorruptSnapshotException("bad expiry time " + atMillis + " of key '" + key
                        + "' (not after the epoch, or the key appears twice)");
            }
        }
        while ((keyLength = data.readInt()) != END_OF_ENTRIES) {
            String key = new String(readBlock(data, keyLength), StandardCharsets.UTF_8);
            int length = data.readInt();
            if (deepValues && length == DEEP_VALUE) {
                long location = data.readLong();
                int storedLength = data.readInt();
                if (location == 0 || storedLength < StoredValue.TRAILER) {
                    throw new CorruptSnapshotException("impossible deep value of key '" + key + "' (location "
                            + location + ", " + storedLength + " bytes)");
                }
                entries.deep(key, new DeepValue(location, storedLength));
                continue;
            }
            byte[] block = readBlock(data, length);
            if (storedValues && !StoredValue.wellFormed(block)) {
                throw new CorruptSnapshotException("the value of key '" + key + "' is " + block.length
                        + " bytes, shorter than its " + StoredValue.TRAILER + "-byte trailer");
            }
            entries.value(key, storedValues ? block : StoredValue.of(block, 0, 0));
        }
        long count = data.readLong();
        if (count != entries.count()) {
            throw new CorruptSnapshotException("the file holds " + entries.count() + " entries but says " + count);
        }
        Map<String, Byte> options = new HashMap<>();
        Map<String, Map<String, Float>> entanglements = new HashMap<>();
        Snapshot.Placement placement = null;
        if (physics) {
            while ((keyLength = data.readInt()) != END_OF_ENTRIES) {
                String key = readString(data, keyLength);
                byte code = data.readByte();
                if (code == 0 || options.put(key, code) != null) {
                    throw new CorruptSnapshotException("bad put options of key '" + key + "' (code " + code
                            + ", or the key appears twice)");
                }
            }
            while ((keyLength = data.readInt()) != END_OF_ENTRIES) {
                String primary = readString(data, keyLength);
                int links = data.readInt();
                if (links < 1 || links > (1 << 20)) {
                    throw new CorruptSnapshotException("impossible count " + links + " of keys entangled with '"
                            + primary + "'");
                }
                Map<String, Float> related = new HashMap<>();
                for (int i = 0; i < links; i++) {
                    String key = readString(data, data.readInt());
                    float strength = data.readFloat();
                    if (!(strength > 0 && strength <= 1)) {
                        throw new CorruptSnapshotException("entanglement strength " + strength + " of '" + primary
                                + "' and '" + key + "' is outside (0, 1]");
                    }
                    related.put(key, strength);
                }
                if (entanglements.put(primary, related) != null) {
                    throw new CorruptSnapshotException("the entanglements of '" + primary + "' appear twice");
                }
            }
            placement = readPlacement(data);
        }
        long endSequence = data.readLong();
        long endTimestamp = data.readLong();
        if (endSequence < sequence || endTimestamp < timestamp) {
            throw new CorruptSnapshotException("ends (sequence " + endSequence + ") before it starts (" + sequence + ")");
        }
        return new Snapshot(sequence, timestamp, endSequence, endTimestamp, entries.keys(), entries.values(),
                entries.deep(), options, entanglements, placement, expiries);
    }

    private static Snapshot.Placement readPlacement(DataInputStream data) throws IOException {
        int logicalShards = data.readInt();
        if (logicalShards == 0) {
            return null;
        }
        int writers = data.readInt();
        if (logicalShards < 0 || Integer.bitCount(logicalShards) != 1 || logicalShards > (1 << 16) || writers < 1
                || writers > logicalShards) {
            throw new CorruptSnapshotException("impossible routing table of " + logicalShards + " logical shards over "
                    + writers + " writers");
        }
        int[] owners = new int[logicalShards];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = data.readInt();
            if (owners[i] < 0 || owners[i] >= writers) {
                throw new CorruptSnapshotException("logical shard " + i + " is owned by writer " + owners[i]
                        + " of " + writers);
            }
        }
        return new Snapshot.Placement(logicalShards, writers, owners);
    }

    private static void writeString(DataOutputStream data, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        data.writeInt(utf8.length);
        data.write(utf8);
    }

    private static String readString(DataInputStream data, int length) throws IOException {
        return new String(readBlock(data, length), StandardCharsets.UTF_8);
    }

    private static byte[] readBlock(DataInputStream data) throws IOException {
        return readBlock(data, data.readInt());
    }

    private static byte[] readBlock(DataInputStream data, int length) throws IOException {
        if (length < 0 || length > (1 << 30)) {
            throw new CorruptSnapshotException("impossible length " + length);
        }
        // Read in chunks, not into an array of the stated length: a damaged length allocates what the file holds
        byte[] block = data.readNBytes(length);
        if (block.length != length) {
            throw new CorruptSnapshotException("file ends early (a block of " + length + " bytes is cut short)");
        }
        return block;
    }
}
