package io.warpengine.journaltool;

import io.warpengine.journal.JournalDamage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every verb shares: the data directory options, the output streams, the exit codes. */
abstract class JournalVerb implements Callable<Integer> {

    static final int CLEAN = 0;
    static final int DAMAGED = 1;

    @Mixin
    DataDirOptions data;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Reports {@code damage} as one line on stderr, as {@code warp journal <verb>: ...}, and returns its exit code. */
    int damaged(JournalDamage damage) {
        err().println(spec.qualifiedName() + ": " + damage.describe());
        err().flush();
        return DAMAGED;
    }

    /** {@code 1 file}, {@code 3 files}: counts in reports. */
    static String count(long n, String one, String many) {
        return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
