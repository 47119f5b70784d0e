package io.eventbunker.bench;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.log4j2.EventBunkerAppender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.jmx.RingBufferAdmin;
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
 * {@link EventStatementBenchmark} through Log4j2: what an EVENT statement with five fields costs
 * the logging thread (a) through our Log4j2 appender, against Log4j2's two ways of taking a
 * statement off the logging thread, each over a no-op appender: (b) AsyncAppender, not blocking
 * when full (as logback's {@code neverBlock}), and async loggers (an {@link AsyncLoggerContext}:
 * every logger async, on the LMAX Disruptor). Measured in bursts into a drained queue, as there;
 * the teardown fails the run if any statement was dropped. Public because JMH's generated code
 * extends it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EventStatementBenchmark.BURST)
@Warmup(iterations = 300)
@Measurement(iterations = 500)
@Fork(
    value = 2,
    jvmArgsAppend = {
      "-Xms1g",
      "-Xmx1g",
      // The async loggers' ring buffer holds what the other queues hold, as near as a power of two
      // can: 16,384 for their 10,000 (Bursts.QUEUE_CAPACITY), not the default 262,144.
      "-Dlog4j2.asyncLoggerRingBufferSize=16384",
      // When full, drop rather than wait, as the other variants do; no burst here fills it.
      "-Dlog4j2.asyncQueueFullPolicy=Discard"
    })
@State(Scope.Benchmark)
public class Log4j2EventStatementBenchmark {
  @Param({"eventbunker", "log4j2Async", "log4j2AsyncLoggers"})
  public String appender;

  private final AtomicLong logged = new AtomicLong();
  private LoggerContext context;
  private Logger logger;
  private EventBunkerAppender eventBunker;
  private AsyncAppender async;
  private RingBufferAdmin ringBuffer;
  private Log4j2NoOpAppender noOp;

  // Read through fields so the JIT cannot treat the values as constants.
  private String customer = "cust-42";
  private long orderId = 1_000_000_007L;

  @Setup(Level.Trial)
  public void start() {
    boolean asyncLoggers = appender.equals("log4j2AsyncLoggers");
    context = Log4j2Contexts.newContext("bench-" + appender, asyncLoggers);
    Configuration configuration = Log4j2Contexts.newConfiguration(context);
    switch (appender) {
      case "eventbunker":
        eventBunker = Log4j2Contexts.instantAppender(Bursts.QUEUE_CAPACITY);
        logger = Log4j2Contexts.start(context, configuration, eventBunker);
        break;
      case "log4j2Async":
        noOp = new Log4j2NoOpAppender();
        configuration.addAppender(noOp);
        async = Log4j2Contexts.asyncAppender(configuration, noOp, Bursts.QUEUE_CAPACITY);
        logger = Log4j2Contexts.start(context, configuration, async);
        break;
      case "log4j2AsyncLoggers":
        noOp = new Log4j2NoOpAppender();
        logger = Log4j2Contexts.start(context, configuration, noOp);
        // Once started: the ring buffer is made by start().
        ringBuffer = ((AsyncLoggerContext) context).createRingBufferAdmin();
        break;
      default:
        throw new IllegalArgumentException("Unknown variant " + appender);
    }
  }

  /** Drains the previous burst: not measured. */
  @Setup(Level.Iteration)
  public void drain() {
    Bursts.awaitDrained(this::drained);
  }

  private boolean drained() {
    if (eventBunker != null) {
      EventBunkerStats stats = eventBunker.getStats();
      return stats.queueSize() == 0 && stats.inFlight() == 0;
    }
    if (async != null) {
      return async.getQueueSize() == 0;
    }
    return ringBuffer.getRemainingCapacity() == ringBuffer.getBufferSize();
  }

  /** Stopping the context stops its appenders (and the async loggers' Disruptor) first. */
  @TearDown(Level.Trial)
  public void stop() {
    drain();
    context.stop();
    long expected = logged.get();
    if (eventBunker != null) {
      Bursts.checkDelivered(expected, eventBunker.getStats());
    } else {
      Bursts.checkAppended(expected, noOp.appended());
    }
  }

  @Benchmark
  public void eventStatement() {
    for (int i = 0; i < EventStatementBenchmark.BURST; i++) {
      Log4j2Statements.event(logger, Statements.EVENT_NAME, customer, orderId);
    }
    logged.addAndGet(EventStatementBenchmark.BURST);
  }
}
