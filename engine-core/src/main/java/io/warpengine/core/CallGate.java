package io.warpengine.core;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Admits calls while the engine is open and lets {@link #closeAndDrain} wait for the calls already admitted, so
 * that close never stops the pipeline under a caller that is still publishing.
 */
public final class CallGate {

    private final LongAdder inFlight = new LongAdder();
    private final String what;
    private volatile boolean closed;

    /** @param what names the engine in the refusal, e.g. "engine on data" */
    public CallGate(String what) {
        this.what = what;
    }

    /** Admits a call; pair with {@link #exit()} in a finally block. Throws once the gate is closed. */
    public void enter() {
        inFlight.increment();
        if (closed) {
            inFlight.decrement();
            throw closedException();
        }
    }

    public void exit() {
        inFlight.decrement();
    }

    /** Refuses a call that needs no draining (a read) once the gate is closed. */
    public void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    /** Closes the gate; false if it was already closed. Then waits until every admitted call has left. */
    public boolean closeAndDrain() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        while (inFlight.sum() != 0) {
            LockSupport.parkNanos(100_000); // callers that passed the open check are still publishing
        }
        return true;
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(what + " is closed");
    }
}
