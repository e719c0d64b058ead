package io.warpengine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.warpengine.core.PhasedWaitStrategy;

/** How the engine's handler threads wait for work. None of the offered kinds busy-spins forever. */
public enum WaitStrategyKind {
    /** Lock and condition: lowest CPU when idle; every publish signals. */
    BLOCKING("blocking"),
    /** Spin, then yield, then sleep ~100 µs at a time; publishers never signal. */
    SLEEPING("sleeping"),
    /** Spin 10 µs, yield up to 1 ms, then block on a lock that publishers signal only when a handler waits. */
    PHASED("phased"),
    /** Yields in a loop: lowest latency, but holds a core while idle. */
    YIELDING("yielding");

    private final String configName;

    WaitStrategyKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** A new Disruptor wait strategy of this kind, as the engine's handler threads get it. */
    public WaitStrategy newWaitStrategy() {
        return switch (this) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case PHASED -> PhasedWaitStrategy.engineDefault();
            case YIELDING -> new YieldingWaitStrategy();
        };
    }
}
