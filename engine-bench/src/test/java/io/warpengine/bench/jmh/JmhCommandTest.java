package io.warpengine.bench.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhCommandTest {

    /** Forks start with this JVM's options (the journal's flags), the fixed heap, then the user's arguments. */
    @Test
    void forksGetThisJvmsOptionsThenTheHeapThenTheUsers() throws Exception {
        Options options = JmhCommand.withForkJvmArgs(new CommandLineOptions(
                "EntryCodec", "-f", "1", "-jvmArgsPrepend", "-Dfirst=1", "-jvmArgsAppend", "-Xmx4g"));
        List<String> prepend = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        prepend.addAll(JmhCommand.FORK_HEAP);
        prepend.add("-Dfirst=1");
        assertEquals(prepend, new ArrayList<>(options.getJvmArgsPrepend().get()));
        assertEquals(List.of(), new ArrayList<>(options.getJvmArgs().get()), "JMH would add the input arguments again");
        assertEquals(List.of("-Xmx4g"), new ArrayList<>(options.getJvmArgsAppend().get()));
        assertEquals(List.of("EntryCodec"), options.getIncludes());
        assertEquals(1, options.getForkCount().get());
    }

    @Test
    void helpShowsAnExampleAndBadJmhOptionsAreOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new JmhCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("./warp jmh EntryCodec -f 1 -wi 3 -i 5"), out.toString());

        assertEquals(JmhCommand.FAILED, cli.execute("NoSuchBenchmark", "-f", "0"));
        assertTrue(err.toString().startsWith("warp jmh: no benchmark matches [NoSuchBenchmark]"), err.toString());
    }
}
