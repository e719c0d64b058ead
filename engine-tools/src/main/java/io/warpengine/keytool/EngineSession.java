package io.warpengine.keytool;

import io.warpengine.EngineReader;
import io.warpengine.WarpEngine;

import java.util.function.Function;

/** Where a verb gets its engine: opened for the one call ({@link OneOffSession}) or held open by the shell. */
interface EngineSession {

    /** Runs {@code read} against the newest state. */
    <T> T read(Function<EngineReader, T> read);

    /** Runs {@code write} against the live engine. */
    <T> T write(Function<WarpEngine, T> write);
}
