package io.eventbunker.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.logback.EventBunkerAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * What an EVENT statement with five fields costs the logging thread: (a) through our appender, (b)
 * through logback's AsyncAppender over a no-op appender, and ours with a spool directory set (with
 * a healthy endpoint the spool must cost nothing: within 5% of (a)).
 *
 * <p>Each iteration logs a burst of {@value #BURST} statements per thread into an empty queue, and
 * the queue is drained before the next one. A tight loop would fill any queue whose consumer does
 * more than nothing within milliseconds, and then measure the drop path instead: bursts keep both
 * variants on the path an application normally takes. The teardown fails the run if any statement
 * was dropped. Public because JMH's generated code extends it.
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
public class EventStatementBenchmark {
  static final int BURST = 1000;

  @Param({"eventbunker", "eventbunkerSpool", "logbackAsync"})
  public String appender;

  private final AtomicLong logged = new AtomicLong();
  private LoggerContext context;
  private Logger logger;
  private EventBunkerAppender eventBunker;
  private AsyncAppender async;
  private NoOpAppender noOp;
  private Path spoolDirectory;

  // Read through fields so the JIT cannot treat the values as constants.
  private String customer = "cust-42";
  private long orderId = 1_000_000_007L;

  @Setup(Level.Trial)
  public void start() throws IOException {
    context = Contexts.newContext();
    if (appender.startsWith("eventbunker")) {
      if (appender.equals("eventbunkerSpool")) {
        spoolDirectory = Files.createTempDirectory("eventbunker-bench-spool");
      }
      eventBunker = Contexts.instantAppender(context, Bursts.QUEUE_CAPACITY, spoolDirectory);
      logger = Contexts.logger(context, eventBunker);
    } else {
      noOp = new NoOpAppender();
      noOp.setContext(context);
      noOp.start();
      async = new AsyncAppender();
      async.setContext(context);
      async.setName("bench-async");
      async.setQueueSize(Bursts.QUEUE_CAPACITY);
      async.setNeverBlock(true);
      // Its default discards INFO statements once the queue is 80% full: every statement here
      // takes the full path, as with ours.
      async.setDiscardingThreshold(0);
      async.addAppender(noOp);
      async.start();
      logger = Contexts.logger(context, async);
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
    return async.getNumberOfElementsInQueue() == 0;
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    drain();
    long expected = logged.get();
    if (eventBunker != null) {
      eventBunker.stop();
      Bursts.checkDelivered(expected, eventBunker.getStats());
      if (spoolDirectory != null) {
        SpoolBenchmark.deleteRecursively(spoolDirectory);
      }
    } else {
      async.stop();
      Bursts.checkAppended(expected, noOp.appended());
    }
    context.stop();
  }

  @Benchmark
  public void eventStatement() {
    for (int i = 0; i < BURST; i++) {
      Statements.event(logger, Statements.EVENT_NAME, customer, orderId);
    }
    logged.addAndGet(BURST);
  }
}
