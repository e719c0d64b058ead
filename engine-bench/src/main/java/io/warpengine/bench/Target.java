package io.warpengine.bench;

/** What a load runs against: the engine, or the naive baseline. */
interface Target extends AutoCloseable {

    String name();

    void put(String key, byte[] value);

    byte[] get(String key);

    void delete(String key);

    /** Bytes this target has appended to its log since it opened. */
    long logBytesWritten();

    @Override
    void close();
}
