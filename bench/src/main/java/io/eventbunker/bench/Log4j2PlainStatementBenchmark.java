package io.eventbunker.bench;

import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.log4j2.EventBunkerAppender;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PlainStatementBenchmark} through Log4j2: what our Log4j2 appender costs statements that
 * are not events, (c) an ordinary statement with it attached against (d) with no appender at all.
 * Public because JMH's generated code extends it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EventStatementBenchmark.BURST)
@Warmup(iterations = 300)
@Measurement(iterations = 500)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class Log4j2PlainStatementBenchmark {
  @Param({"eventbunkerAttached", "noAppender"})
  public String appender;

  private LoggerContext context;
  private Logger logger;
  private EventBunkerAppender eventBunker;

  private String customer = "cust-42";
  private long orderId = 1_000_000_007L;

  @Setup(Level.Trial)
  public void start() {
    context = Log4j2Contexts.newContext("bench-" + appender, false);
    Configuration configuration = Log4j2Contexts.newConfiguration(context);
    if (appender.equals("eventbunkerAttached")) {
      eventBunker = Log4j2Contexts.instantAppender(EventBunkerDefaults.QUEUE_CAPACITY);
      logger = Log4j2Contexts.start(context, configuration, eventBunker);
    } else {
      logger = Log4j2Contexts.start(context, configuration);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    context.stop();
    if (eventBunker != null) {
      Bursts.checkNoEvent(eventBunker.getStats());
    }
  }

  @Benchmark
  public void plainStatement() {
    for (int i = 0; i < EventStatementBenchmark.BURST; i++) {
      Log4j2Statements.plain(logger, customer, orderId);
    }
  }
}
