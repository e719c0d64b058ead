package io.warpengine.journaltool;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.text.DecimalFormat;

/**
 * A progress bar on stderr for a long scan, shown only when stderr is a terminal and the bar cannot garble the
 * verb's own output (its lines going to the same terminal while the bar redraws). Otherwise it does nothing.
 */
final class Progress implements AutoCloseable {

    /** Scans step the bar this often: updating it per entry would cost more than the entry. */
    static final int STEP_EVERY = 1 << 16;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * @param total                 units of work expected (a sequence span), 0 when unknown
     * @param printsWhileProgressing whether the verb writes to stdout during the scan (dump does, verify does not)
     */
    static Progress start(String task, long total, boolean printsWhileProgressing) {
        if (!Terminals.isTerminal(2) || (printsWhileProgressing && Terminals.isTerminal(1))) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" entries", 1)
                .showSpeed(new DecimalFormat("#,##0")).clearDisplayOnFinish()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build());
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
