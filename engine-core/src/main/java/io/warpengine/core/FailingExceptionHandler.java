package io.warpengine.core;

import com.lmax.disruptor.ExceptionHandler;

/**
 * What the observer stage does with a failure its handler did not catch (an Error): the engine stops accepting
 * writes and the thread keeps running, so the ring keeps draining; the Disruptor's default would end the thread,
 * and writers would wait forever for the slots it holds. The command's caller was released before this stage.
 */
final class FailingExceptionHandler implements ExceptionHandler<CommandSlot> {

    private final EngineHealth health;

    FailingExceptionHandler(EngineHealth health) {
        this.health = health;
    }

    @Override
    public void handleEventException(Throwable ex, long ringSequence, CommandSlot slot) {
        health.fail("unexpected failure in the observer stage at ring sequence " + ringSequence, ex);
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        health.fail("the observer thread failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        health.fail("the observer thread failed to stop", ex);
    }
}
