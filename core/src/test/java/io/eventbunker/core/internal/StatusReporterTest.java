package io.eventbunker.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
  private final List<String> warnings = new ArrayList<>();
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
  void kindsAreThrottledSeparately() {
    reporter.warnThrottled("dropped", () -> "dropped");
    reporter.warnThrottled("failed", () -> "failed");

    assertEquals(List.of("dropped", "failed"), warnings());
  }
}
