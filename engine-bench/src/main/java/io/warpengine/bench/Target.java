package io.warpengine.bench;

/** What a load runs against: the engine, or the naive baseline. */
interface Target extends AutoCloseable {

    String name();

    void put(String key, byte[] value);

    byte[] get(String key);


    @Override
    void close();
}
