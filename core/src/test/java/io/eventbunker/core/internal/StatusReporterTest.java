package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final StatusReporter reporter = new StatusReporter(new Recorded(), clock::get);

  private List<String> warnings() {
    return warnings;
  }

  /** What an adapter's Diagnostics would pass on to its framework. */
  private final class Recorded implements Diagnostics {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }

    @Override
    public void warn(String message, Throwable cause) {
      warnings.add(message);
    }
  }

  @Test
  void repeatedWarningsAreReportedOnceThenSummarisedPerInterval() {
    for (int i = 0; i < 100; i++) {
      reporter.warnThrottled("dropped", () -> "dropped an event");
    }
    assertEquals(List.of("dropped an event"), warnings());

    clock.addAndGet(StatusReporter.REPEAT_INTERVAL_NANOS);
    reporter.warnThrottled("dropped", () -> "dropped an event");

    assertEquals(
        List.of("dropped an event", "dropped an event (99 more like this since the last report)"),
        warnings());
  }

  @Test
  void concurrentWarningsAreReportedOnceAndEveryOtherIsCounted() throws Exception {
    int threads = 4;
    int each = 10_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> droppers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread dropper =
          new Thread(
              () -> {
                awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                  reporter.warnThrottled("dropped", () -> "dropped an event");
                }
              });
      dropper.start();
      droppers.add(dropper);
    }
    start.countDown();
    for (Thread dropper : droppers) {
      dropper.join();
    }
    assertEquals(List.of("dropped an event"), List.copyOf(warnings()));

    clock.addAndGet(StatusReporter.REPEAT_INTERVAL_NANOS);
    reporter.warnThrottled("dropped", () -> "dropped an event");

    assertEquals(
        "dropped an event (" + (threads * each - 1) + " more like this since the last report)",
        warnings().get(1));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void kindsAreThrottledSeparately() {
    reporter.warnThrottled("dropped", () -> "dropped");
    reporter.warnThrottled("failed", () -> "failed");

    assertEquals(List.of("dropped", "failed"), warnings());
  }
}
