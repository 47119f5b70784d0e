package io.eventbunker.bench;

import ch.qos.logback.classic.LoggerContext;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.logback.EventBunkerAppender;
import java.util.concurrent.TimeUnit;
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
import org.slf4j.Logger;

/**
 * What our appender costs statements that are not events: (c) an ordinary statement with it
 * attached, against (d) the same statement with no appender at all. Measured in bursts like {@link
 * EventStatementBenchmark}, so all four figures come from one method. Public because JMH's
 * generated code extends it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PlainStatementBenchmark.BURST)
@Warmup(iterations = 300)
@Measurement(iterations = 500)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class PlainStatementBenchmark {
  static final int BURST = EventStatementBenchmark.BURST;

  @Param({"eventbunkerAttached", "noAppender"})
  public String appender;

  private LoggerContext context;
  private Logger logger;
  private EventBunkerAppender eventBunker;

  private String customer = "cust-42";
  private long orderId = 1_000_000_007L;

  @Setup(Level.Trial)
  public void start() {
    context = Contexts.newContext();
    if (appender.equals("eventbunkerAttached")) {
      eventBunker = Contexts.instantAppender(context, EventBunkerDefaults.QUEUE_CAPACITY, null);
      logger = Contexts.logger(context, eventBunker);
    } else {
      logger = Contexts.logger(context);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (eventBunker != null) {
      eventBunker.stop();
      Bursts.checkNoEvent(eventBunker.getStats());
    }
    context.stop();
  }

  @Benchmark
  public void plainStatement() {
    for (int i = 0; i < BURST; i++) {
      Statements.plain(logger, customer, orderId);
    }
  }
}
