package io.eventbunker.bench;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.logback.EventBunkerAppender;
import io.eventbunker.testkit.EventBunkerReceiver;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Memory and shutdown: a million events logged against a dead endpoint (heap retained, drops
 * counted, logging threads never waiting), and a stop with ten thousand events queued for a healthy
 * endpoint with the API's typical latency. Run in a JVM of its own, so the heap holds nothing else.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks.jar io.eventbunker.bench.MemoryAndShutdown OUT.json
 * </pre>
 */
final class MemoryAndShutdown {
  static final int DEAD_ENDPOINT_EVENTS = 1_000_000;
  static final int SHUTDOWN_EVENTS = 10_000;
  static final int SHUTDOWN_LATENCY_MILLIS = 35;
  private static final int LOGGING_THREADS = 2;
  private static final long SLOW_CALL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private MemoryAndShutdown() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/memory.json");
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("control", control());
    results.put(
        "dead_endpoint_defaults",
        deadEndpoint(
            "defaults: queueCapacity 10000, queueMaxBytes 16MB", 10_000, 16L * 1024 * 1024));
    results.put(
        "dead_endpoint_byte_bound",
        deadEndpoint(
            "byte bound binding: queueCapacity 1000000, queueMaxBytes 4MB",
            1_000_000,
            4L * 1024 * 1024));
    results.put("shutdown", shutdown());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
  }

  static Map<String, Object> deadEndpoint(String label, int queueCapacity, long queueMaxBytes)
      throws IOException, InterruptedException {
    String endpoint = Contexts.deadEndpoint();
    long heapBefore = usedHeapAfterGc();
    long gcBefore = gcMillis();
    LoggerContext context = Contexts.newContext();
    EventBunkerAppender appender = Contexts.appender(context, "bench-dead", endpoint);
    appender.setQueueCapacity(queueCapacity);
    appender.setQueueMaxBytes(new FileSize(queueMaxBytes));
    appender.setShutdownTimeout(Duration.buildByMilliseconds(100));
    Map<Outcome, LongAdder> outcomes = countOutcomes(appender);
    appender.start();
    Logger logger = Contexts.logger(context, appender);
    long heapStarted = usedHeapAfterGc();

    long start = System.nanoTime();
    List<CallTimes> times = logMillion(logger);
    long loggingNanos = System.nanoTime() - start;
    long gcDuring = gcMillis() - gcBefore;
    long heapAfter = usedHeapAfterGc();
    EventBunkerStats stats = appender.getStats();
    appender.stop();
    context.stop();

    long settledOrPending =
        stats.delivered() + stats.rejected() + stats.dropped() + stats.failed() + stats.pending();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("label", label);
    figures.put("events", DEAD_ENDPOINT_EVENTS);
    figures.put("logging_threads", LOGGING_THREADS);
    figures.put("queue_max_bytes", queueMaxBytes);
    figures.put("retained_heap_bytes", heapAfter - heapBefore);
    // What the queued events take, without the appender's fixed part (client, threads, buffers).
    figures.put("queued_events_heap_bytes", heapAfter - heapStarted);
    figures.put("accepted", stats.accepted());
    figures.put("dropped", stats.dropped());
    figures.put("dropped_by_listener", outcomes.get(Outcome.DROPPED).sum());
    figures.put("queued", stats.queueSize());
    figures.put("in_flight", stats.inFlight());
    figures.put("failed", stats.failed());
    figures.put("pending", stats.pending());
    figures.put(
        "drop_count_exact",
        stats.accepted() == DEAD_ENDPOINT_EVENTS
            && settledOrPending == stats.accepted()
            && outcomes.get(Outcome.DROPPED).sum() == stats.dropped());
    figures.putAll(CallTimes.summary(times));
    figures.put("gc_ms_during_logging", gcDuring);
    figures.put("logging_seconds", loggingNanos / 1e9);
    return figures;
  }

  /**
   * The same statements from the same threads to a logger with no appender: how often this machine
   * alone makes a call slow (preemption, GC), to set against the appender's figures.
   */
  static Map<String, Object> control() throws InterruptedException {
    LoggerContext context = Contexts.newContext();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("label", "control: no appender attached");
    figures.put("events", DEAD_ENDPOINT_EVENTS);
    figures.putAll(CallTimes.summary(logMillion(Contexts.logger(context))));
    context.stop();
    return figures;
  }

  private static List<CallTimes> logMillion(Logger logger) throws InterruptedException {
    List<CallTimes> times = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < LOGGING_THREADS; t++) {
      CallTimes callTimes = new CallTimes();
      times.add(callTimes);
      int first = t * (DEAD_ENDPOINT_EVENTS / LOGGING_THREADS);
      int last = first + DEAD_ENDPOINT_EVENTS / LOGGING_THREADS;
      Thread thread =
          new Thread(
              () -> {
                for (int i = first; i < last; i++) {
                  String customer = "cust-" + i; // distinct values, retained as a real app's are
                  long before = System.nanoTime();
                  Statements.event(logger, Statements.EVENT_NAME, customer, i);
                  callTimes.add(System.nanoTime() - before);
                }
                callTimes.recordWaits();
              },
              "logging-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return times;
  }

  static Map<String, Object> shutdown() throws InterruptedException {
    try (EventBunkerReceiver receiver =
        EventBunkerReceiver.builder()
            .writeKey(Contexts.WRITE_KEY)
            .latency(java.time.Duration.ofMillis(SHUTDOWN_LATENCY_MILLIS))
            .maxEvents(2 * SHUTDOWN_EVENTS)
            .build()
            .start()) {
      LoggerContext context = Contexts.newContext();
      List<String> statuses = new ArrayList<>();
      context.getStatusManager().add((Status status) -> statuses.add(status.getMessage()));
      EventBunkerAppender appender =
          Contexts.appender(context, "bench-shutdown", receiver.endpoint().toString());
      Map<Outcome, LongAdder> outcomes = countOutcomes(appender);
      appender.start();
      Logger logger = Contexts.logger(context, appender);
      for (int i = 0; i < SHUTDOWN_EVENTS; i++) {
        Statements.event(logger, Statements.EVENT_NAME, "cust-42", i);
      }
      EventBunkerStats atStop = appender.getStats();
      long before = System.nanoTime();
      appender.stop();
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
      EventBunkerStats stats = appender.getStats();
      // Requests cancelled at the deadline may still reach the receiver: let them land.
      Thread.sleep(500);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("events", SHUTDOWN_EVENTS);
      figures.put("latency_ms", SHUTDOWN_LATENCY_MILLIS);
      figures.put("queued_at_stop", atStop.queueSize());
      figures.put("in_flight_at_stop", atStop.inFlight());
      figures.put("delivered_before_stop", atStop.delivered());
      figures.put("shutdown_timeout_ms", appender.getShutdownTimeout().getMilliseconds());
      figures.put("stop_ms", stopMillis);
      figures.put("accepted", stats.accepted());
      figures.put("delivered", stats.delivered());
      figures.put("delivered_by_listener", outcomes.get(Outcome.DELIVERED).sum());
      figures.put("failed", stats.failed());
      figures.put("dropped", stats.dropped());
      figures.put("pending", stats.pending());
      figures.put("receiver_accepted", receiver.acceptedCount());
      figures.put("report", lastTotals(statuses));
      context.stop();
      return figures;
    }
  }

  private static String lastTotals(List<String> statuses) {
    String totals = null;
    for (String status : statuses) {
      if (status.contains("stopped:")) {
        totals = status;
      }
    }
    return totals;
  }

  private static Map<Outcome, LongAdder> countOutcomes(EventBunkerAppender appender) {
    Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, new LongAdder());
    }
    appender.addListener(
        new EventBunkerListener() {
          @Override
          public void onResult(EventResult result) {
            outcomes.get(result.outcome()).increment();
          }
        });
    return outcomes;
  }

  /** Live heap: full collections until the figure settles. */
  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(now - used) < 64 * 1024) {
        return now;
      }
      used = now;
    }
    return used;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Per-thread call durations, written by one thread and read after it has ended. */
  private static final class CallTimes {
    long max;
    long slow;
    long total;
    long blocked;
    long waited;

    /**
     * How often this thread waited for a monitor or parked (a lock, a condition) in its life: the
     * JVM's own count, so a wait cannot hide between slow-call samples.
     */
    void recordWaits() {
      ThreadInfo info =
          ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
      blocked = info.getBlockedCount();
      waited = info.getWaitedCount();
    }

    static Map<String, Object> summary(List<CallTimes> times) {
      long max = 0;
      long slow = 0;
      long total = 0;
      long blocked = 0;
      long waited = 0;
      for (CallTimes callTimes : times) {
        max = Math.max(max, callTimes.max);
        slow += callTimes.slow;
        total += callTimes.total;
        blocked += callTimes.blocked;
        waited += callTimes.waited;
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("mean_call_ns", (double) total / DEAD_ENDPOINT_EVENTS);
      figures.put("max_call_us", max / 1000.0);
      figures.put("calls_over_1ms", slow);
      figures.put("monitor_blocks", blocked);
      figures.put("parks", waited);
      return figures;
    }

    void add(long nanos) {
      max = Math.max(max, nanos);
      total += nanos;
      if (nanos > SLOW_CALL_NANOS) {
        slow++;
      }
    }
  }
}
