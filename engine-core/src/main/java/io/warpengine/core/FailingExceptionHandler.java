package io.warpengine.core;

import com.lmax.disruptor.ExceptionHandler;

/**
 * What the ring does with an exception a handler did not expect: the engine stops accepting writes, the
 * command's caller gets the failure, and the handler thread keeps running so every later caller is released
 * with the failure too (the Disruptor's default would end the thread and leave callers waiting forever).
 */
final class FailingExceptionHandler implements ExceptionHandler<CommandSlot> {

    private final EngineHealth health;

    FailingExceptionHandler(EngineHealth health) {
        this.health = health;
    }

    @Override
    public void handleEventException(Throwable ex, long ringSequence, CommandSlot slot) {
        RuntimeException failure = health.fail("unexpected failure in the pipeline at ring sequence " + ringSequence, ex);
        if (slot != null && slot.reply != null) {
            slot.reply.fail(failure);
        }
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        health.fail("a pipeline thread failed to start", ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        health.fail("a pipeline thread failed to stop", ex);
    }
}
