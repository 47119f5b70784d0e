package io.eventbunker.bench;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.logback.EventBunkerAppender;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;

/**
 * One trial of {@link FreshJvm}, in a JVM started for it alone: our appender with its default
 * settings but the endpoint and write key, as a user's {@code logback.xml} would set it up,
 * started, logged to from {@code THREADS} threads, and stopped as logback stops it when the
 * application ends. Prints its figures as one line of JSON after {@link #RESULT_PREFIX} on stdout.
 *
 * <ul>
 *   <li>{@code burst}: the threads log {@code EVENTS} events between them as fast as they can, then
 *       the context is stopped at once: a process that logs a burst and exits. Its rate is the
 *       events delivered ÷ the time from the first statement to {@code stop()} returned.
 *   <li>{@code life}: the threads keep {@link #FEED_LEVEL} events queued for {@code LIFE_SECONDS}
 *       after {@code start()}, so every request slot stays busy and nothing is dropped; deliveries
 *       are counted per second over the first {@code RATE_SECONDS}, and the process's CPU time at
 *       the end is divided by the events delivered over its life.
 *   <li>{@code quiet}: the application starts for {@link #APPLICATION_STARTUP_MILLIS} after {@code
 *       start()}, then one thread logs one event: how long it takes to arrive once the appender has
 *       had the application's startup to get ready.
 * </ul>
 *
 * <pre>
 * java -cp benchmarks.jar io.eventbunker.bench.FreshJvmChild burst|life|quiet ENDPOINT EVENTS THREADS \
 *     LIFE_SECONDS RATE_SECONDS LAUNCHED_AT_EPOCH_MS
 * </pre>
 */
final class FreshJvmChild {
  static final String RESULT_PREFIX = "FRESHJVM ";
  static final String LOGGING_THREAD = "logging-";

  /**
   * Events a life trial's logging threads keep queued: over 15 × {@code maxInFlight}, so the sender
   * never waits for one, and far below {@code queueCapacity}, so none is dropped.
   */
  static final int FEED_LEVEL = 1_000;

  /** A small application's startup, between logback's configuration and its first event. */
  static final long APPLICATION_STARTUP_MILLIS = 1_000;

  private static final int FEED_CHUNK = 100;
  private static final long FEED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final String CUSTOMER = "cust-42";

  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final FirstResults first = new FirstResults();
  private final LongAccumulator firstCallNanos = new LongAccumulator(Math::max, 0);
  private final LongAccumulator firstLogAt = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private EventBunkerAppender appender;
  private Logger logger;
  private long startNanos;

  private FreshJvmChild() {}

  /** Its command line after the class name, ending with the launch time: call it just before. */
  static List<String> arguments(
      String mode, URI endpoint, int events, int threads, int lifeSeconds, int rateSeconds) {
    return List.of(
        mode,
        endpoint.toString(),
        Integer.toString(events),
        Integer.toString(threads),
        Integer.toString(lifeSeconds),
        Integer.toString(rateSeconds),
        Long.toString(System.currentTimeMillis()));
  }

  public static void main(String[] args) throws Exception {
    long mainNanos = System.nanoTime();
    long mainMillis = System.currentTimeMillis();
    String mode = args[0];
    FreshJvmChild child = new FreshJvmChild();
    child.figures.put("mode", mode);
    child.figures.put("launch_to_main_ms", mainMillis - Long.parseLong(args[6]));
    LoggerContext context = child.start(args[1], mainNanos);
    int events = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    if (mode.equals("burst")) {
      child.burst(events, threads);
    } else if (mode.equals("life")) {
      child.life(threads, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    } else if (mode.equals("quiet")) {
      child.quiet();
    } else {
      throw new IllegalArgumentException("mode must be burst, life or quiet, got " + mode);
    }
    child.stop(context);
    System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(child.figures));
    System.out.flush();
    // No System.exit: the JVM must end by itself once logback has stopped, as an application's.
  }

  private LoggerContext start(String endpoint, long mainNanos) {
    LoggerContext context = Contexts.newContext();
    appender = Contexts.appender(context, "eventbunker", endpoint);
    appender.addListener(first);
    startNanos = System.nanoTime();
    appender.start();
    long started = System.nanoTime();
    logger = Contexts.logger(context, appender);
    figures.put("main_to_start_ms", millis(startNanos - mainNanos));
    figures.put("start_call_ms", millis(started - startNanos));
    figures.put("max_in_flight", appender.getMaxInFlight());
    figures.put("queue_capacity", appender.getQueueCapacity());
    figures.put("shutdown_timeout_ms", appender.getShutdownTimeout().getMilliseconds());
    return context;
  }

  /** {@code events} events from {@code threads} threads between them, as fast as they go. */
  private void burst(int events, int threads) throws InterruptedException {
    long before = System.nanoTime();
    join(
        startLogging(
            threads,
            t -> {
              long share = events / threads + (t < events % threads ? 1 : 0);
              long orderId = (long) t * events;
              for (long i = 1; i < share; i++) {
                Statements.event(logger, Statements.EVENT_NAME, CUSTOMER, ++orderId);
              }
            }));
    figures.put("logging_ms", millis(System.nanoTime() - before));
  }

  /** One event, once the application has started; waits for its outcome. */
  private void quiet() throws InterruptedException {
    Thread.sleep(APPLICATION_STARTUP_MILLIS); // the application's own work, not a synchronisation
    long logged = System.nanoTime();
    join(startLogging(1, t -> {}));
    first.awaitOutcome(appender.getShutdownTimeout().getMilliseconds());
    long deliveredAt = first.deliveredAt.get();
    figures.put(
        "first_event_after_logging_ms",
        deliveredAt == FirstResults.NONE ? null : millis(deliveredAt - logged));
  }

  /** Keeps the queue fed for {@code lifeSeconds} after start(), counting the first seconds. */
  private void life(int threads, int lifeSeconds, int rateSeconds) throws InterruptedException {
    long end = startNanos + TimeUnit.SECONDS.toNanos(lifeSeconds);
    List<Thread> feeders =
        startLogging(
            threads,
            t -> keepFed(appender, logger, (long) t << 40, () -> System.nanoTime() - end < 0));
    Samples.Window window =
        Samples.window(() -> appender.getStats().delivered(), rateSeconds, startNanos);
    join(feeders);
    figures.put("rate_seconds", rateSeconds);
    figures.put("rate_per_second", window.perSecond());
    figures.put("delivered_in_rate_window", window.total());
    figures.put("life_seconds", lifeSeconds);
  }

  /**
   * Logs to {@code logger} while {@code running} says so, keeping {@link #FEED_LEVEL} events in
   * {@code appender}'s queue; order ids after {@code firstOrder}.
   */
  static void keepFed(
      EventBunkerAppender appender, Logger logger, long firstOrder, BooleanSupplier running) {
    long orderId = firstOrder;
    while (running.getAsBoolean()) {
      int room = Math.min(FEED_CHUNK, FEED_LEVEL - appender.getStats().queueSize());
      if (room <= 0) {
        LockSupport.parkNanos(FEED_PAUSE_NANOS);
      }
      for (int i = 0; i < room; i++) {
        Statements.event(logger, Statements.EVENT_NAME, CUSTOMER, ++orderId);
      }
    }
  }

  /**
   * Threads named {@link #LOGGING_THREAD}{@code N}, each timing its first statement (the cold path)
   * and then running {@code rest} with its number.
   */
  private List<Thread> startLogging(int threads, IntConsumer rest) {
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int number = t;
      Thread thread =
          new Thread(
              () -> {
                long before = System.nanoTime();
                firstLogAt.accumulate(before);
                Statements.event(logger, Statements.EVENT_NAME, CUSTOMER, number);
                firstCallNanos.accumulate(System.nanoTime() - before);
                rest.accept(number);
              },
              LOGGING_THREAD + t);
      thread.start();
      started.add(thread);
    }
    return started;
  }

  private static void join(List<Thread> threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /**
   * Stops the context as logback does when the application ends (which stops the appender), then
   * records the outcome and where the process's time went.
   */
  private void stop(LoggerContext context) {
    // Before stop(): the appender's threads end with it, and /proc forgets them.
    Map<String, Long> threadCpu = ThreadCpu.byKind();
    EventBunkerStats atStop = appender.getStats();
    long stopCalled = System.nanoTime();
    context.stop();
    long stopped = System.nanoTime();
    long cpuNanos =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    EventBunkerStats stats = appender.getStats();
    figures.put("first_call_ms", millis(firstCallNanos.get()));
    long deliveredAt = first.deliveredAt.get();
    figures.put(
        "first_event_ms",
        deliveredAt == FirstResults.NONE ? null : millis(deliveredAt - startNanos));
    long roundTrip = first.roundTripNanos.get();
    figures.put("first_round_trip_ms", roundTrip == FirstResults.NONE ? null : millis(roundTrip));
    figures.put("delivered_before_stop", atStop.delivered());
    figures.put("queued_at_stop", atStop.queueSize());
    figures.put("in_flight_at_stop", atStop.inFlight());
    figures.put("stop_ms", millis(stopped - stopCalled));
    figures.put("alive_ms", millis(stopped - startNanos));
    long firstLog = firstLogAt.get();
    figures.put(
        "first_log_to_stopped_ms", firstLog == Long.MAX_VALUE ? null : millis(stopped - firstLog));
    figures.put("accepted", stats.accepted());
    figures.put("delivered", stats.delivered());
    figures.put("dropped", stats.dropped());
    figures.put("failed", stats.failed());
    figures.put("rejected", stats.rejected());
    figures.put("pending", stats.pending());
    figures.put("cpu_ms", millis(cpuNanos));
    figures.put(
        "cpu_us_per_delivered",
        stats.delivered() == 0 ? null : cpuNanos / 1000.0 / stats.delivered());
    figures.put("thread_cpu_ms_before_stop", threadCpu);
    // JMX only now, so that loading it counts in no figure above.
    figures.put("jit_ms", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    long gc = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, collector.getCollectionTime());
    }
    figures.put("gc_ms", gc);
  }

  static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }

  /** When the first event was delivered, and how long the first response took. */
  private static final class FirstResults implements EventBunkerListener {
    static final long NONE = Long.MIN_VALUE;

    final AtomicLong deliveredAt = new AtomicLong(NONE);
    final AtomicLong roundTripNanos = new AtomicLong(NONE);
    private final CountDownLatch anyOutcome = new CountDownLatch(1);

    void awaitOutcome(long timeoutMillis) throws InterruptedException {
      anyOutcome.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onResult(EventResult result) {
      if (result.outcome() == Outcome.DELIVERED && deliveredAt.get() == NONE) {
        deliveredAt.compareAndSet(NONE, System.nanoTime());
      }
      anyOutcome.countDown(); // last: whoever awaits the outcome then finds deliveredAt set
    }

    @Override
    public void onResponse(int statusCode, long roundTripNanos) {
      if (this.roundTripNanos.get() == NONE) {
        this.roundTripNanos.compareAndSet(NONE, roundTripNanos);
      }
    }
  }
}
