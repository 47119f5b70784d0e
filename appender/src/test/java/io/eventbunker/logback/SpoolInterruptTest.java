package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.core.util.Duration;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts are no stop signal for the spool: one delivered to its thread costs no event and no
 * CPU, and a stop() called from an interrupted thread still writes what was handed over.
 */
class SpoolInterruptTest {
  private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  @TempDir Path dir;

  private static Thread spoolThread(String appenderName) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("eventbunker-spool-" + appenderName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void interruptsOfTheSpoolThreadLoseNoEventAndDoNotMakeItSpin(EventBunkerReceiver receiver) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled());
    receiver.startOutage(
        java.time.Duration.ofMinutes(5), EventBunkerReceiver.OutageMode.CLOSE_CONNECTION);
    int count = 200;
    try (AppenderHarness harness =
        new AppenderHarness(
            receiver.endpoint().toString(),
            a -> {
              a.setName("interrupted");
              a.setSpoolDirectory(dir.toString());
              a.setQueueCapacity(2); // the rest overflows to the spool at once
              a.setRetryMaxAttempts(2);
              a.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
              a.setRetryMaxBackoff(Duration.buildByMilliseconds(100));
            })) {
      Thread spool = spoolThread("interrupted");
      Interrupter interrupter = new Interrupter(spool);
      interrupter.start();
      try {
        for (int i = 0; i < count; i++) {
          spool.interrupt(); // set whenever an event arrives, besides those landing mid-write
          harness.logger.info(EVENT, "interrupted", field("id", i));
        }
        awaitAll(harness, count, EventBunkerStats::spooled);
        receiver.endOutage(); // the replay reads them back, interrupted likewise
        awaitAll(harness, count, EventBunkerStats::delivered);
      } finally {
        interrupter.finish();
      }
      assertEquals(
          count,
          receiver.events().stream().map(e -> e.fields().get("id")).distinct().count(),
          "every event arrived");

      // A stray interrupt while idle: the thread must go back to sleep, not return from
      // parkNanos at once for ever.
      long before = threads.getThreadCpuTime(spool.getId());
      spool.interrupt();
      await("the spool thread's CPU time, in ns, over an idle second")
          .during(java.time.Duration.ofSeconds(1))
          .atMost(java.time.Duration.ofSeconds(5))
          .until(
              () -> threads.getThreadCpuTime(spool.getId()) - before,
              cpu -> cpu < TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** Waits until each event is {@code where} or lost, and fails if any was lost. */
  private static void awaitAll(
      AppenderHarness harness, int count, ToLongFunction<EventBunkerStats> where) {
    await()
        .atMost(WAIT)
        .until(
            () -> harness.appender.getStats(),
            s -> where.applyAsLong(s) + s.failed() + s.dropped() >= count);
    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(0, stats.failed(), harness.results(Outcome.FAILED).toString());
    assertEquals(0, stats.dropped(), harness.results(Outcome.DROPPED).toString());
  }

  /** Interrupts a thread over and over, so that interrupts land in every step of its work. */
  private static final class Interrupter extends Thread {
    private final Thread target;
    private volatile boolean finished;

    Interrupter(Thread target) {
      super("interrupter");
      this.target = target;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!finished) {
        target.interrupt();
        LockSupport.parkNanos(50_000); // a pace, not a wait for anything: ~10,000 a second
      }
    }

    void finish() {
      finished = true;
      try {
        join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
