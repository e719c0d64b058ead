package io.warpengine.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The binary layout of a snapshot file (big-endian, {@link DataOutputStream}):
 * <pre>
 *   8 bytes  magic "WARPSNP1"
 *   long     engine sequence the state is at (every entry up to it applied, none after)
 *   long     wall-clock time of the cut, µs since the epoch
 *   long     number of entries
 *   entries  int keyLength, key (UTF-8), int valueLength, value
 *   int      CRC32C of every byte above
 * </pre>
 */
final class SnapshotFormat {

    static final byte[] MAGIC = "WARPSNP1".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 16;

    private SnapshotFormat() {
    }

    /** Writes a snapshot of {@code entries} to {@code out}; does not close it. */
    static void write(OutputStream out, Snapshot snapshot) throws IOException {
        CRC32C crc = new CRC32C();
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, BUFFER), crc));
        data.write(MAGIC);
        data.writeLong(snapshot.sequence());
        data.writeLong(snapshot.timestampMicros());
        data.writeLong(snapshot.size());
        for (int i = 0; i < snapshot.size(); i++) {
            byte[] key = snapshot.keys()[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = snapshot.values()[i];
            data.writeInt(key.length);
            data.write(key);
            data.writeInt(value.length);
            data.write(value);
        }
        data.flush();
        new DataOutputStream(out).writeInt((int) crc.getValue());
        out.flush();
    }

    /**
     * Reads and verifies a whole snapshot.
     *
     * @throws CorruptSnapshotException when the magic, a length or the CRC is wrong, or the file is cut short
     */
    static Snapshot read(InputStream in) throws IOException {
        CRC32C crc = new CRC32C();
        DataInputStream data = new DataInputStream(new CheckedInputStream(new BufferedInputStream(in, BUFFER), crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new CorruptSnapshotException("not a WarpEngine snapshot (bad magic)");
            }
            long sequence = data.readLong();
            long timestamp = data.readLong();
            long count = data.readLong();
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw new CorruptSnapshotException("impossible entry count " + count);
            }
            String[] keys = new String[(int) count];
            byte[][] values = new byte[(int) count][];
            for (int i = 0; i < count; i++) {
                keys[i] = new String(readBlock(data), StandardCharsets.UTF_8);
                values[i] = readBlock(data);
            }
            int computed = (int) crc.getValue();
            int stored = data.readInt();
            if (stored != computed) {
                throw new CorruptSnapshotException("CRC32C mismatch");
            }
            if (data.read() != -1) {
                throw new CorruptSnapshotException("trailing bytes after the checksum");
            }
            return new Snapshot(sequence, timestamp, keys, values);
        } catch (EOFException e) {
            throw new CorruptSnapshotException("file ends early");
        }
    }

    private static byte[] readBlock(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new CorruptSnapshotException("impossible length " + length);
        }
        byte[] block = new byte[length];
        data.readFully(block);
        return block;
    }
}
