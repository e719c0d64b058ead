package io.warpengine.server.command;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The counters INFO shows, updated by the connections of every event loop. */
public final class ServerStats {

    private final long startMillis = System.currentTimeMillis();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong connectionsReceived = new AtomicLong();
    private final AtomicLong connectionsRejected = new AtomicLong();
    private final AtomicLong clientIds = new AtomicLong();
    private final LongAdder commands = new LongAdder();

    /**
     * Counts a new connection among the connected clients if fewer than {@code maxClients} are: its client id
     * (1, 2, ...), or -1 when it is refused (and counted as rejected).
     */
    public long tryConnect(int maxClients) {
        connectionsReceived.incrementAndGet();
        int now;
        do {
            now = connected.get();
            if (now >= maxClients) {
                connectionsRejected.incrementAndGet();
                return -1;
            }
        } while (!connected.compareAndSet(now, now + 1));
        return clientIds.incrementAndGet();
    }

    public void disconnected() {
        connected.decrementAndGet();
    }

    public int connectedClients() {
        return connected.get();
    }

    public long connectionsReceived() {
        return connectionsReceived.get();
    }

    public long connectionsRejected() {
        return connectionsRejected.get();
    }

    void command() {
        commands.increment();
    }

    public long commands() {
        return commands.sum();
    }

    public long startMillis() {
        return startMillis;
    }
}
