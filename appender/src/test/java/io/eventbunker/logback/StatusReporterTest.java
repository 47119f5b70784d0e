package io.eventbunker.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
  private final LoggerContext context = new LoggerContext();
  private final AtomicLong clock = new AtomicLong();
  private final StatusReporter reporter = reporter();

  private StatusReporter reporter() {
    ContextAwareBase target = new ContextAwareBase();
    target.setContext(context);
    return new StatusReporter(target, clock::get);
  }

  private List<String> warnings() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() == Status.WARN)
        .map(Status::getMessage)
        .collect(Collectors.toList());
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
