package io.warpengine.bench;

import java.util.concurrent.CompletableFuture;

/** What a load runs against: the engine, or the naive baseline. */
interface Target extends AutoCloseable {

    String name();

    void put(String key, byte[] value);

    byte[] get(String key);

    void delete(String key);

    /** A PUT whose completion the caller collects later: lets one caller keep several writes in flight. */
    CompletableFuture<?> putAsync(String key, byte[] value);

    CompletableFuture<?> deleteAsync(String key);

    /** Bytes this target has appended to its log since it opened. */
    long logBytesWritten();

    @Override
    void close();
}
