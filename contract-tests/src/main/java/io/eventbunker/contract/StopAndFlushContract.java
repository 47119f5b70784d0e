package io.eventbunker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import io.eventbunker.core.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Shutdown delivers, then gives up on time" and "Flushing without stopping": {@code
 * stop()} delivers what is queued, within its timeout; {@code flush(Duration)} reports what became
 * of the events it waited for, and logging goes on.
 */
public abstract class StopAndFlushContract extends ContractBase {
  /** Far beyond what any test waits: only stop's own timeout can end these requests. */
  private static final Duration NEVER_ANSWERED = Duration.ofSeconds(30);

  /** Well below {@link #NEVER_ANSWERED}: a stop or flush that waited for an answer fails. */
  private static final Duration BOUNDED = Duration.ofSeconds(5);

  protected StopAndFlushContract(AdapterDriver driver) {
    super(driver);
  }

  private static void logEvents(String name, int count) {
    for (int i = 0; i < count; i++) {
      log.info(EVENT, name, field("i", i));
    }
  }

  @Test
  void stopDeliversEverythingQueued() {
    receiver().setLatency(Duration.ofMillis(20));
    appender.start(Map.of("maxInFlight", "4", "shutdownTimeout", "30 seconds"));
    logEvents("queued", 100);
    appender.driver().stop();

    appender.assertSettled(100);
    EventBunkerStats stats = appender.stats();
    assertEquals(100, stats.delivered(), stats.toString());
    assertEquals(100, receiver().acceptedCount());
    assertEquals(List.of(), appender.driver().statusWarnings(), "a clean run warns of nothing");
  }

  @Test
  void stopGivesUpAtShutdownTimeoutAndSaysSo() {
    receiver().setLatency(NEVER_ANSWERED);
    appender.start(Map.of("shutdownTimeout", "300 milliseconds"));
    logEvents("stuck", 5);

    assertTimeoutPreemptively(BOUNDED, () -> appender.driver().stop());
    appender.assertSettled(5);
    EventBunkerStats stats = appender.stats();
    assertEquals(5, stats.failed(), stats.toString());
    appender
        .results(Outcome.FAILED)
        .forEach(r -> assertTrue(String.valueOf(r.reason()).contains("shutdownTimeout"), "" + r));
    List<String> warnings = appender.driver().statusWarnings();
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("stopped: 5 events accepted, 0 delivered")),
        warnings.toString());
  }

  @Test
  void stopWithATimeoutOfItsOwnOverridesShutdownTimeout() {
    receiver().setLatency(NEVER_ANSWERED);
    appender.start(Map.of("shutdownTimeout", "30 seconds"));
    logEvents("stuck", 5);

    assertTimeoutPreemptively(BOUNDED, () -> appender.driver().stop(Duration.ofMillis(300)));
    appender.assertSettled(5);
    EventBunkerStats stats = appender.stats();
    assertEquals(5, stats.failed(), stats.toString());
  }

  @Test
  void eventsLoggedAfterStopAreNotAccepted() {
    appender.start();
    appender.driver().stop();
    log.info(EVENT, "too_late");

    assertEquals(0, appender.stats().accepted());
    assertEquals(List.of(), receiver().events());
  }

  @Test
  void flushReportsEachEventsOutcomeAndLoggingGoesOn() throws InterruptedException {
    receiver().setLatency(Duration.ofMillis(50));
    appender.start();
    logEvents("before_flush", 10);
    log.info(EVENT, "refused", field("n", REFUSED_BY_THE_API));

    FlushReport report = appender.driver().flush(Duration.ofSeconds(20));
    assertEquals(10, report.delivered(), report.toString());
    assertEquals(1, report.rejected(), report.toString());
    assertEquals(0, report.failed() + report.spooled() + report.pending(), report.toString());
    assertTrue(report.isComplete());

    log.info(EVENT, "after_flush");
    receiver().awaitEvent("after_flush", AppenderUnderTest.WAIT);
  }

  @Test
  void aFlushThatRunsOutOfTimeSaysWhatIsStillPending() {
    receiver().setLatency(NEVER_ANSWERED);
    appender.start();
    logEvents("slow", 3);

    FlushReport report =
        assertTimeoutPreemptively(BOUNDED, () -> appender.driver().flush(Duration.ofMillis(200)));
    assertEquals(3, report.pending(), report.toString());
    assertFalse(report.isComplete());
    assertEquals(0, report.delivered() + report.rejected() + report.failed(), report.toString());
    appender.driver().stop(Duration.ZERO);
  }
}
