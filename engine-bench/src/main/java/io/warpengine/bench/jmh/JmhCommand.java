package io.warpengine.bench.jmh;

import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./warp jmh [JMH options] [benchmark regex...]}: runs the JMH benchmarks packed into warp.jar, with
 * every argument handed to JMH as its own command line would take it.
 *
 * <p>Each forked benchmark JVM starts with this JVM's options (those {@code ./warp} takes from
 * {@code config/jvm.options}, which every JVM that opens a journal needs), then any {@code -jvmArgs...} given.
 */
@Command(name = "jmh",
        description = {"Runs the JMH micro-benchmarks (EntryCodecBenchmark, ShardStateBenchmark, RingPublishBenchmark);",
                "every argument goes to JMH. The benchmarks' own settings (1 fork, 3 x 1 s warm-up, 5 x 1 s measured)",
                "apply unless overridden; forks inherit this JVM's options (config/jvm.options).",
                "Examples:",
                "  ./warp jmh                                        all benchmarks",
                "  ./warp jmh EntryCodec -f 1 -wi 3 -i 5             one class, explicit settings",
                "  ./warp jmh ShardState -p keys=1000000 -rf json -rff shard.json   results as JSON",
                "  ./warp jmh -l                                     list the benchmarks",
                "  ./warp jmh -h                                     JMH's own options"})
public final class JmhCommand implements Callable<Integer> {

    /** Exit code of a run that matched no benchmark or failed inside JMH. */
    static final int FAILED = 1;

    @Option(names = "--help", usageHelp = true, description = "show this help (-h shows JMH's)")
    boolean help;

    @Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws RunnerException, IOException {
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
                System.err.println("warp jmh: no benchmark matches " + cli.getIncludes() + " (./warp jmh -l lists them)");
                return FAILED;
            }
        }
        return 0;
    }

    /**
     * {@code cli} with this JVM's input arguments prepended to the forks' JVM arguments. JMH would inherit them
     * only while no {@code -jvmArgs} is given; prepending keeps the journal's flags either way, and an explicit
     * empty {@code -jvmArgs} list stops JMH from adding them a second time.
     */
    static Options withForkJvmArgs(CommandLineOptions cli) {
        List<String> prepend = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        prepend.addAll(cli.getJvmArgsPrepend().orElse(List.of()));
        return new OptionsBuilder().parent(cli)
                .jvmArgsPrepend(prepend.toArray(new String[0]))
                .jvmArgs(cli.getJvmArgs().orElse(List.of()).toArray(new String[0]))
                .build();
    }
}
