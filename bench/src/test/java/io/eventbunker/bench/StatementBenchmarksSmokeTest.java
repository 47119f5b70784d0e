package io.eventbunker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proves the JMH statement benchmarks work, Logback's and Log4j2's, in seconds: every variant runs
 * a few bursts from 2 threads and its teardown finds no statement lost. No timing target.
 */
class StatementBenchmarksSmokeTest {

  @Test
  void everyVariantRunsAndLosesNoStatement() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(benchmark(EventStatementBenchmark.class))
            .include(benchmark(PlainStatementBenchmark.class))
            .include(benchmark(Log4j2EventStatementBenchmark.class))
            .include(benchmark(Log4j2PlainStatementBenchmark.class))
            // In this JVM: a fork would take seconds per variant. The fork's flags (heap, the
            // async loggers' ring buffer size) are then not set, which changes no outcome here.
            .forks(0)
            .warmupIterations(1)
            .measurementIterations(3)
            .threads(2)
            // A teardown that finds a statement lost fails the run, and so this test.
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(options).run();

    // Logback: 3 + 2 variants; Log4j2: 3 + 2.
    assertEquals(10, results.size(), results::toString);
  }

  /** JMH's include regex for exactly this class's benchmark methods. */
  private static String benchmark(Class<?> type) {
    return "^" + Pattern.quote(type.getName() + ".");
  }
}
