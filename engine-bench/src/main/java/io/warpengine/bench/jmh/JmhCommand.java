package io.warpengine.bench.jmh;

import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./warp jmh [JMH options] [benchmark regex...]}: runs the JMH benchmarks packed into warp.jar, with
 * every argument handed to JMH as its own command line would take it.
 *
 * <p>Each forked benchmark JVM starts with this JVM's options (those {@code ./warp} takes from
 * {@code config/jvm.options}, which every JVM that opens a journal needs), then {@link #FORK_HEAP}, then any
 * {@code -jvmArgs...} given.
 */
@Command(name = "jmh", customSynopsis = "./warp jmh [--help] [JMH options] [benchmark regex...]",
        description = {"Runs the JMH micro-benchmarks: EntryCodecBenchmark, ShardStateBenchmark and RingPublishBenchmark.",
                "Every argument goes to JMH; without options the benchmarks' own settings apply (1 fork, 3 x 1 s "
                        + "warm-up, 5 x 1 s measured). Forked JVMs start with this JVM's options (the flags of "
                        + "config/jvm.options), then a fixed pre-touched heap (-Xms2g -Xmx2g -XX:+AlwaysPreTouch), then "
                        + "any -jvmArgs* given.",
                "",
                "Examples:",
                "  ./warp jmh                               every benchmark",
                "  ./warp jmh EntryCodec -f 1 -wi 3 -i 5    one class, explicit settings",
                "  ./warp jmh ShardState -p keys=1000000 -rf json -rff shard.json",
                "                                           one parameter value, results as JSON",
                "  ./warp jmh -l                            list the benchmarks",
                "  ./warp jmh -h                            JMH's own options",
                ""})
public final class JmhCommand implements Callable<Integer> {

    /** Exit code of a run that matched no benchmark or failed inside JMH. */
    static final int FAILED = 1;

    /**
     * A fixed heap, touched before the benchmark starts. With a growing heap, the first touch of every page
     * the young generation grows into is a page fault: allocating benchmarks ran 2-15x slower for their first
     * seconds, and were bimodal across iterations. 2 GiB holds the 1M-key shard with room for its garbage.
     */
    static final List<String> FORK_HEAP = List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

    @Option(names = "--help", usageHelp = true, description = "Show this help; -h shows JMH's own.")
    boolean help;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (cli.shouldHelp()) {
            cli.showHelp();
            return 0;
        }
        Runner runner = new Runner(withForkJvmArgs(cli));
        if (cli.shouldList()) {
            runner.list();
        } else if (cli.shouldListWithParams()) {
            runner.listWithParams(cli);
        } else if (cli.shouldListProfilers()) {
            cli.listProfilers();
        } else if (cli.shouldListResultFormats()) {
            cli.listResultFormats();
        } else {
            try {
                runner.run();
            } catch (NoBenchmarksException e) {
                err().println("warp jmh: no benchmark matches " + cli.getIncludes() + " (./warp jmh -l lists them)");
                return FAILED;
            } catch (RunnerException e) {
                // JMH's own refusals (a profiler this machine cannot run, a failure under -foe true): one line.
                err().println("warp jmh: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
                return FAILED;
            }
        }
        return 0;
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * {@code cli} with this JVM's input arguments and {@link #FORK_HEAP} prepended to the forks' JVM arguments.
     * JMH would inherit the input arguments only while no {@code -jvmArgs} is given; prepending keeps the
     * journal's flags either way, and an explicit (possibly empty) {@code -jvmArgs} list stops JMH from adding
     * them a second time. Later arguments win, so a user's {@code -jvmArgsAppend -Xmx8g -Xms8g} still applies.
     */
    static Options withForkJvmArgs(CommandLineOptions cli) {
        List<String> prepend = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        prepend.addAll(FORK_HEAP);
        prepend.addAll(cli.getJvmArgsPrepend().orElse(List.of()));
        return new OptionsBuilder().parent(cli)
                .jvmArgsPrepend(prepend.toArray(new String[0]))
                .jvmArgs(cli.getJvmArgs().orElse(List.of()).toArray(new String[0]))
                .build();
    }
}
