package io.warpengine.console;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.text.DecimalFormat;

/**
 * The progress bar of every long-running tool, on stderr. It is drawn only when stderr is a terminal and the
 * bar cannot garble the tool's own output; otherwise every method does nothing, so callers need no checks.
 */
public final class Progress implements AutoCloseable {

    /** Scans step the bar this often: updating it per entry would cost more than the entry. */
    public static final int STEP_EVERY = 1 << 16;

    private static final int UPDATE_MILLIS = 250;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar over journal entries with their rate, cleared when done.
     *
     * @param total                  entries expected (a sequence span), 0 when unknown
     * @param printsWhileProgressing whether the tool writes to stdout during the work (dump does, verify does not):
     *                               then the bar is drawn only when stdout is not the same terminal
     */
    public static Progress entries(String task, long total, boolean printsWhileProgressing) {
        if (!Terminals.isTerminal(2) || (printsWhileProgressing && Terminals.isTerminal(1))) {
            return new Progress(null);
        }
        return new Progress(bar(task, total).setUnit(" entries", 1).showSpeed(new DecimalFormat("#,##0"))
                .clearDisplayOnFinish().setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    /**
     * A bar over the seconds of a timed phase (its 100% is {@code plannedMillis}); stepped in milliseconds.
     *
     * @param show false keeps the terminal quiet
     */
    public static Progress timed(String task, long plannedMillis, boolean show) {
        if (!show || !Terminals.isTerminal(2)) {
            return new Progress(null);
        }
        return new Progress(bar(task, plannedMillis).setUnit(" s", 1000).build());
    }

    /**
     * A bar over operations of a known count (a load of every key), with their rate.
     *
     * @param show false keeps the terminal quiet
     */
    public static Progress operations(String task, long total, boolean show) {
        if (!show || !Terminals.isTerminal(2)) {
            return new Progress(null);
        }
        return new Progress(bar(task, total).setUnit(" ops", 1).showSpeed(new DecimalFormat("#,##0")).build());
    }

    private static ProgressBarBuilder bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(UPDATE_MILLIS);
    }

    public void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Text shown after the bar, e.g. the current rate. */
    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
