package io.warpengine.core;

import io.warpengine.snapshot.SnapshotSource;
import io.warpengine.store.StoredRead;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Moves of logical shards between stores, against reads that look a key up while it moves. */
class ShardSetTest {

    /**
     * Each store's get pauses before it looks, so a read that picked the old owner routinely looks after the move
     * removed the key there: only the read's retry on a changed table finds it (without it this test fails).
     */
    @Test
    void aReadThatRacesAMoveStillFindsTheKey() throws Exception {
        ShardStore[] stores = {new SlowGets(), new SlowGets()};
        ShardSet shards = new ShardSet(new RoutingTable(2, 2), stores);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String key = "key-" + i;
            keys.add(key);
            stores[shards.routing().shardOf(key)].put(key, new byte[]{(byte) i});
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong moves = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        Thread mover = new Thread(() -> {
            while (!stop.get()) {
                long m = moves.get();
                shards.move((int) (m % 2), (int) ((m / 2) % 2)); // each shard back and forth
                moves.incrementAndGet();
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int reader = r;
            readers.add(new Thread(() -> {
                for (int n = reader; !stop.get() && failure.get() == null; n++) {
                    String key = keys.get(n % keys.size());
                    if (shards.read(key) == null) {
                        failure.compareAndSet(null, new AssertionError("read missed " + key + " after "
                                + moves.get() + " moves"));
                    }
                    reads.incrementAndGet();
                }
            }));
        }
        mover.start();
        readers.forEach(Thread::start);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reads.get() < 20_000 && failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the readers' count with a deadline
        }
        stop.set(true);
        mover.join();
        for (Thread t : readers) {
            t.join();
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertTrue(moves.get() > 100, "only " + moves.get() + " moves");
        assertEquals(200, shards.liveKeys(), "a move neither loses nor duplicates keys");
    }

    /** A map store whose gets pause first, widening the window between choosing a store and looking in it. */
    private static final class SlowGets implements ShardStore {
        private final MapShardStore map = new MapShardStore(256);

        @Override
        public boolean put(String key, byte[] value) {
            return map.put(key, value);
        }

        @Override
        public boolean remove(String key) {
            return map.remove(key);
        }

        @Override
        public byte[] get(String key) {
            LockSupport.parkNanos(20_000);
            return map.get(key);
        }

        @Override
        public boolean contains(String key) {
            return map.contains(key);
        }

        @Override
        public StoredRead read(String key) {
            LockSupport.parkNanos(20_000);
            return map.read(key);
        }

        @Override
        public void load(String key, Object held) {
            map.load(key, held);
        }

        @Override
        public long keyCount() {
            return map.keyCount();
        }

        @Override
        public long valueBytes() {
            return map.valueBytes();
        }

        @Override
        public void forEach(BiConsumer<String, byte[]> visitor) {
            map.forEach(visitor);
        }

        @Override
        public void forEachKey(Consumer<String> visitor) {
            map.forEachKey(visitor);
        }

        @Override
        public void forEachHeld(SnapshotSource.EntryVisitor visitor) {
            map.forEachHeld(visitor);
        }
    }
}
