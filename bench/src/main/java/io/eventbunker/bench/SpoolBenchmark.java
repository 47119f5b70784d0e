package io.eventbunker.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.util.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.logback.EventBunkerAppender;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The durable spool's own costs, against a dead endpoint with a small queue, so that every event
 * overflows. Writing: one logging thread logs bursts into the spool; until {@code stop()} has
 * forced the last batch to disk, how many events (and MB) per second reach it, and what a statement
 * costs the logging thread against the same overflow without a spool (the drop path). Replay: a
 * fresh appender on the same directory sends what is there to the test kit's receiver (in its own
 * JVM), at 0 and 35 ms latency. Also the disk's own fsync latency, which the spool pays once per
 * batch.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks.jar io.eventbunker.bench.SpoolBenchmark --testkit-jar PATH \
 *     --dir DIRECTORY --out spool.json
 * </pre>
 *
 * The directory should be on the disk the spool would use in production: a tmpfs makes fsync free.
 */
final class SpoolBenchmark {
  /** Small, so that nearly every event overflows: the spool, not the queue, takes them. */
  static final int QUEUE_CAPACITY = 100;

  /** Fits the spool's hand-off (at least 4096 events), so a burst is never dropped. */
  static final int BURST = 4000;

  /** Events the sender may hold (in flight or waiting for a retry) rather than the spool. */
  private static final int IN_SENDER_SLACK = 100;

  /** As JMH's bursts: the queue drains between them, so no statement is dropped. */
  private static final int HEALTHY_BURST = 1000;

  private static final int WARM_UP_RUNS = 3;

  private static final int FSYNC_PROBES = 200;
  private static final int FSYNC_PROBE_BYTES = 4096;
  private static final long REPLAY_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(3);

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Options options;

  SpoolBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Map<String, Object> results = new SpoolBenchmark(options).run();
    Files.createDirectories(options.out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out.toFile(), results);
  }

  Map<String, Object> run() throws IOException, InterruptedException {
    deleteRecursively(options.dir);
    Files.createDirectories(options.dir);
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("directory", options.dir.toAbsolutePath().toString());
    results.put("queue_capacity", QUEUE_CAPACITY);
    results.put("burst", BURST);
    results.put("fsync", fsyncLatency(options.dir));
    results.put("healthy_paired", healthyPaired(options.dir.resolve("healthy"), options.rounds));
    // The same comparison between two identical appenders: the noise floor of the first.
    results.put("healthy_paired_control", healthyPaired(null, options.rounds));
    // Each measured case runs before, unmeasured, until the JIT has compiled its path: a drop
    // costs 2.8 µs in the first run of 200,000 and 0.4 µs from the third on.
    for (int run = 0; run < WARM_UP_RUNS; run++) {
      dropping(options.events);
    }
    results.put("dropping", dropping(options.events));
    Path warmUp = options.dir.resolve("warm-up");
    for (int run = 0; run < WARM_UP_RUNS; run++) {
      deleteRecursively(warmUp);
      spooling(warmUp, options.events);
    }
    deleteRecursively(warmUp);
    Path spool = options.dir.resolve("measured");
    results.put("spooling", spooling(spool, options.events));
    spooling(warmUp, options.events / 10); // to warm up replay
    results.put("replay_0ms", replay(warmUp, spool, 0));
    spooling(warmUp, options.replayEvents35 / 10);
    spooling(spool, options.replayEvents35);
    results.put("replay_35ms", replay(warmUp, spool, 35));
    deleteRecursively(options.dir);
    return results;
  }

  /** Write, force, repeat: what one fsync costs on this disk. */
  static Map<String, Object> fsyncLatency(Path dir) throws IOException {
    Path probe = dir.resolve("fsync-probe");
    List<Long> micros = new ArrayList<>();
    try (FileChannel channel =
        FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(FSYNC_PROBE_BYTES);
      for (int i = 0; i < FSYNC_PROBES; i++) {
        block.clear();
        channel.write(block);
        long before = System.nanoTime();
        channel.force(false);
        micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - before));
      }
    } finally {
      Files.deleteIfExists(probe);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("probes", FSYNC_PROBES);
    figures.put("p50_us", Samples.percentile(micros, 50));
    figures.put("p99_us", Samples.percentile(micros, 99));
    return figures;
  }

  /**
   * What a statement costs the logging thread with a spool set in {@code spool} (or, with null,
   * with none: the control) and a healthy endpoint, against the same appender without: two
   * appenders side by side, their endpoints answering at once, taking turns burst by burst (the
   * order alternating), so that the machine's load changes hit both alike. JMH measures the two one
   * after the other, minutes apart, and its error on this machine is wider than the 5% to be
   * judged. The first quarter of the rounds warm up and are not counted.
   */
  static Map<String, Object> healthyPaired(@Nullable Path spool, int rounds) throws IOException {
    LoggerContext baseContext = Contexts.newContext();
    LoggerContext secondContext = Contexts.newContext();
    EventBunkerAppender base =
        Contexts.instantAppender(baseContext, EventBunkerDefaults.QUEUE_CAPACITY, null);
    EventBunkerAppender second =
        Contexts.instantAppender(secondContext, EventBunkerDefaults.QUEUE_CAPACITY, spool);
    Logger baseLogger = Contexts.logger(baseContext, base);
    Logger secondLogger = Contexts.logger(secondContext, second);
    List<Double> baseNanos = new ArrayList<>();
    List<Double> secondNanos = new ArrayList<>();
    // Logarithms, so that a round twice as slow and one twice as fast cancel out.
    List<Double> logRatios = new ArrayList<>();
    int warmUp = rounds / 4;
    for (int round = 0; round < warmUp + rounds; round++) {
      double baseCost;
      double secondCost;
      if (round % 2 == 0) {
        baseCost = burst(baseLogger, base);
        secondCost = burst(secondLogger, second);
      } else {
        secondCost = burst(secondLogger, second);
        baseCost = burst(baseLogger, base);
      }
      if (round >= warmUp) {
        baseNanos.add(baseCost);
        secondNanos.add(secondCost);
        logRatios.add(Math.log(secondCost / baseCost));
      }
    }
    EventBunkerStats secondStats = second.getStats();
    base.stop();
    second.stop();
    baseContext.stop();
    secondContext.stop();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("rounds", rounds);
    figures.put("burst", HEALTHY_BURST);
    figures.put("without_spool_ns", Samples.mean(baseNanos));
    figures.put("second_ns", Samples.mean(secondNanos));
    double logMean = Samples.mean(logRatios);
    double logCi = Samples.ci95(logRatios);
    figures.put("ratio", Math.exp(logMean));
    figures.put("ratio_low", Math.exp(logMean - logCi));
    figures.put("ratio_high", Math.exp(logMean + logCi));
    figures.put("dropped", secondStats.dropped() + base.getStats().dropped());
    figures.put("spooled", secondStats.spooled());
    return figures;
  }

  /** One burst from this thread, in ns per statement; then waits, unmeasured, for the drain. */
  private static double burst(Logger logger, EventBunkerAppender appender) {
    long start = System.nanoTime();
    for (int i = 0; i < HEALTHY_BURST; i++) {
      Statements.event(logger, Statements.EVENT_NAME, "cust-42", i);
    }
    double perStatement = (double) (System.nanoTime() - start) / HEALTHY_BURST;
    EventBunkerStats stats;
    while ((stats = appender.getStats()).queueSize() > 0 || stats.inFlight() > 0) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
    }
    return perStatement;
  }

  /** The overflow without a spool: one thread logs as fast as it can, nearly all is dropped. */
  static Map<String, Object> dropping(int events) throws IOException {
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender = deadAppender(context, null);
    Logger logger = Contexts.logger(context, appender);
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      Statements.event(logger, Statements.EVENT_NAME, "cust-" + i, i);
    }
    long elapsed = System.nanoTime() - start;
    appender.stop();
    EventBunkerStats stats = appender.getStats();
    context.stop();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", events);
    figures.put("mean_call_ns", (double) elapsed / events);
    figures.put("dropped", stats.dropped());
    return figures;
  }

  /**
   * The overflow with a spool in {@code spool}: one thread logs bursts of {@value #BURST}, each as
   * fast as it can, and waits for the spool to write each before the next, so that the spool's
   * hand-off never overflows and every event reaches the disk. Until stop() has forced the last
   * batch: the spool's write throughput, its thread the bottleneck.
   */
  static Map<String, Object> spooling(Path spool, int events)
      throws IOException, InterruptedException {
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender = deadAppender(context, spool);
    Logger logger = Contexts.logger(context, appender);
    long cpuBefore = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long logging = 0;
    for (int first = 0; first < events; first += BURST) {
      long burstStart = System.nanoTime();
      int last = Math.min(events, first + BURST);
      for (int i = first; i < last; i++) {
        Statements.event(logger, Statements.EVENT_NAME, "cust-" + i, i);
      }
      logging += System.nanoTime() - burstStart;
      // What the queue and the sender hold is not the spool's yet.
      long spoolsAtLeast = last - QUEUE_CAPACITY - IN_SENDER_SLACK;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (appender.getStats().spooled() < spoolsAtLeast && System.nanoTime() - deadline < 0) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
      }
    }
    appender.stop();
    long elapsed = System.nanoTime() - start;
    long cpu = OS.getProcessCpuTime() - cpuBefore;
    EventBunkerStats stats = appender.getStats();
    context.stop();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", events);
    figures.put("mean_call_ns", (double) logging / events);
    figures.put("dropped", stats.dropped());
    figures.put("failed", stats.failed());
    figures.put("spooled", stats.spooled());
    figures.put("spooled_bytes", stats.spooledBytes());
    figures.put("seconds", elapsed / 1e9);
    figures.put("spooled_per_second", stats.spooled() * 1e9 / elapsed);
    figures.put("spooled_mb_per_second", stats.spooledBytes() / 1048576.0 / (elapsed / 1e9));
    figures.put("cpu_us_per_event", cpu / 1000.0 / events);
    return figures;
  }

  private static EventBunkerAppender deadAppender(LoggerContext context, @Nullable Path spool)
      throws IOException {
    EventBunkerAppender appender =
        Contexts.appender(context, "bench-spool", Contexts.deadEndpoint());
    appender.setQueueCapacity(QUEUE_CAPACITY);
    appender.setShutdownTimeout(Duration.buildByMilliseconds(100));
    if (spool != null) {
      appender.setSpoolDirectory(spool.toString());
    }
    appender.start();
    return appender;
  }

  /**
   * Fresh appenders send what is in {@code warmUp} (not measured: both JVMs' JIT) and then in
   * {@code spool} to a receiver answering after {@code latencyMillis}; how fast the second goes.
   */
  Map<String, Object> replay(Path warmUp, Path spool, int latencyMillis)
      throws IOException, InterruptedException {
    try (ReceiverProcess receiver = ReceiverProcess.start(options.testkitJar, latencyMillis)) {
      replayAll(warmUp, receiver);
      long cpuBefore = OS.getProcessCpuTime();
      long receiverCpuBefore = receiver.cpuNanos();
      long start = System.nanoTime();
      EventBunkerStats stats = replayAll(spool, receiver);
      long elapsed = System.nanoTime() - start;
      long cpu = OS.getProcessCpuTime() - cpuBefore;
      long receiverCpu = receiver.cpuNanos() - receiverCpuBefore;
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("latency_ms", latencyMillis);
      figures.put("delivered", stats.delivered());
      figures.put("failed", stats.failed());
      figures.put("rejected", stats.rejected());
      figures.put("left_in_spool", stats.spooled());
      figures.put("seconds", elapsed / 1e9);
      figures.put("delivered_per_second", stats.delivered() * 1e9 / elapsed);
      figures.put(
          "client_cpu_us_per_event",
          stats.delivered() == 0 ? null : cpu / 1000.0 / stats.delivered());
      figures.put(
          "receiver_cpu_us_per_event",
          stats.delivered() == 0 ? null : receiverCpu / 1000.0 / stats.delivered());
      return figures;
    }
  }

  /** Starts an appender on {@code spool}, waits until the spool is empty, and stops it. */
  private static EventBunkerStats replayAll(Path spool, ReceiverProcess receiver) {
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender =
        Contexts.appender(context, "bench-replay", receiver.endpoint().toString());
    appender.setSpoolDirectory(spool.toString());
    appender.start();
    long deadline = System.nanoTime() + REPLAY_TIMEOUT_NANOS;
    EventBunkerStats stats = appender.getStats();
    // Pending covers the spool (once it has read its files at start), the queue and the flight.
    while ((stats.delivered() == 0 || stats.pending() > 0) && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      stats = appender.getStats();
    }
    appender.stop();
    context.stop();
    return stats;
  }

  /** Deletes {@code directory} and everything in it, if it exists. */
  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The harness's settings; the defaults are what run.sh uses. */
  static final class Options {
    Path testkitJar;
    Path dir = Path.of("bench", "target", "spool-bench");
    Path out = Path.of("target", "spool.json");
    int events = 200_000;
    int replayEvents35 = 20_000;
    int rounds = 1000;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--testkit-jar":
            options.testkitJar = Path.of(value);
            break;
          case "--dir":
            options.dir = Path.of(value);
            break;
          case "--out":
            options.out = Path.of(value);
            break;
          case "--events":
            options.events = Integer.parseInt(value);
            break;
          case "--rounds":
            options.rounds = Integer.parseInt(value);
            break;
          case "--replay-events-35ms":
            options.replayEvents35 = Integer.parseInt(value);
            break;
          default:
            throw new IllegalArgumentException("Unknown option " + args[i]);
        }
      }
      ReceiverProcess.checkJar(options.testkitJar);
      return options;
    }
  }
}
