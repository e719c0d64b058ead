package io.warpengine.snapshot;

import io.warpengine.store.DeepValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a snapshot being read ({@link SnapshotFormat}): kept for the snapshot's arrays (in lists not sized
 * by the file's count, which may be damaged), or passed on to a sink as they are read.
 */
final class SnapshotEntries implements SnapshotSource.EntryVisitor {

    private final SnapshotSource.EntryVisitor sink;
    private final List<String> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final List<DeepValue> deep = new ArrayList<>();
    private long count;

    /** @param sink where the entries go; null keeps them */
    SnapshotEntries(SnapshotSource.EntryVisitor sink) {
        this.sink = sink;
    }

    @Override
    public void value(String key, byte[] stored) {
        count++;
        if (sink != null) {
            sink.value(key, stored);
        } else {
            keys.add(key);
            values.add(stored);
            deep.add(null);
        }
    }

    @Override
    public void deep(String key, DeepValue value) {
        count++;
        if (sink != null) {
            sink.deep(key, value);
        } else {
            keys.add(key);
            values.add(null);
            deep.add(value);
        }
    }

    long count() {
        return count;
    }

    String[] keys() {
        return keys.toArray(new String[0]);
    }

    byte[][] values() {
        return values.toArray(new byte[0][]);
    }

    DeepValue[] deep() {
        return deep.toArray(new DeepValue[0]);
    }
}
