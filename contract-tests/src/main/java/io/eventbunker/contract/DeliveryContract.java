package io.eventbunker.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.ReceivedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Delivery guarantees": each outcome as the receiver's answers and injected faults
 * bring it about, and the accounting that settles every accepted event exactly once.
 */
public abstract class DeliveryContract extends ContractBase {
  protected DeliveryContract(AdapterDriver driver) {
    super(driver);
  }

  @Test
  void aDeliveredEventCarriesTheApisReceipt() throws InterruptedException {
    appender.start();
    log.info(EVENT, "signup_completed");

    EventResult result = appender.onlyResult();
    ReceivedEvent received = receiver().awaitEvent("signup_completed", AppenderUnderTest.WAIT);
    assertEquals(Outcome.DELIVERED, result.outcome(), result.toString());
    assertEquals(200, result.statusCode());
    assertEquals(received.uniqueReqId(), result.uniqueRequestId());
    assertEquals(received.receivedAt().toEpochMilli(), result.timeRecorded());
    appender.assertSettled(1);
    assertEquals(1, appender.stats().delivered());
  }

  @Test
  void anEventTheApiRefusesIsRejectedWithItsMessageAndNotRetried() {
    appender.start();
    log.info(EVENT, "huge_number", field("n", REFUSED_BY_THE_API));

    EventResult result = appender.onlyResult();
    assertEquals(Outcome.REJECTED, result.outcome(), result.toString());
    assertEquals(400, result.statusCode());
    String reason = String.valueOf(result.reason());
    assertTrue(reason.contains("Body JSON validation failed"), reason);
    assertTrue(reason.contains("Number value length"), "the API's own details: " + reason);
    assertEquals(1, receiver().badRequestCount());
    assertEquals(0, appender.stats().retries());
    assertEquals(1, appender.stats().rejected());
  }

  @Test
  void serverErrorsAreRetriedUntilTheEventIsDelivered() {
    receiver().setErrorRate(1);
    appender.start();
    log.info(EVENT, "signup_completed");
    await().atMost(AppenderUnderTest.WAIT).until(() -> appender.retryReasons().size() >= 2);
    receiver().setErrorRate(0);

    EventResult result = appender.onlyResult();
    assertEquals(Outcome.DELIVERED, result.outcome(), result.toString());
    List<String> reasons = appender.retryReasons();
    assertTrue(reasons.stream().allMatch(r -> r.contains("500")), reasons.toString());
    EventBunkerStats stats = appender.stats();
    assertEquals(reasons.size(), stats.retries(), stats.toString());
    assertEquals(stats.retries(), receiver().injectedFaultCount(), "one 500 per retry");
    assertEquals(1, receiver().events().size());
  }

  @Test
  void anEventWhoseRetriesRunOutFails() {
    receiver().setErrorRate(1);
    appender.start(Map.of("retryMaxAttempts", "3"));
    log.info(EVENT, "signup_completed");

    EventResult result = appender.onlyResult();
    assertEquals(Outcome.FAILED, result.outcome(), result.toString());
    assertEquals(500, result.statusCode());
    assertTrue(
        String.valueOf(result.reason()).contains("gave up after 3 attempt(s)"), result.toString());
    assertEquals(3, receiver().injectedFaultCount());
    assertEquals(2, appender.stats().retries());
    appender.assertSettled(1);
  }

  @Test
  void aFullQueueDropsEventsAndCountsAndExplainsEachDropOnce() {
    receiver().setLatency(Duration.ofMillis(300));
    appender.start(Map.of("queueCapacity", "2", "maxInFlight", "1"));
    for (int i = 0; i < 20; i++) {
      log.info(EVENT, "burst", field("i", i));
    }

    // Dropped on the logging thread, at once: one request is on its way, two events queued.
    EventBunkerStats logged = appender.stats();
    assertTrue(logged.dropped() >= 15, logged.toString());
    List<EventResult> drops = appender.results(Outcome.DROPPED);
    assertEquals(logged.dropped(), drops.size());
    drops.forEach(
        d -> assertTrue(String.valueOf(d.reason()).contains("queueCapacity"), d.toString()));
    List<String> warnings = appender.driver().statusWarnings();
    assertEquals(
        1, warnings.stream().filter(w -> w.contains("the queue is full")).count(), "" + warnings);

    appender.driver().stop();
    appender.assertSettled(20);
    EventBunkerStats stopped = appender.stats();
    assertEquals(20, stopped.delivered() + stopped.dropped(), stopped.toString());
    assertEquals(stopped.delivered(), receiver().acceptedCount());
  }

  /**
   * Every outcome at once — local and API rejections, retries, failures, drops — and each accepted
   * event settled exactly once: in the counters, to the listener, and as the receiver saw it.
   */
  @Test
  void everyAcceptedEventEndsInExactlyOneOutcome() {
    receiver().setErrorRate(0.3);
    appender.start(Map.of("queueCapacity", "20", "retryMaxAttempts", "2"));
    for (int i = 0; i < 40; i++) {
      if (i % 10 == 0) {
        log.info(EVENT, "mixed", field("ratio", Double.NaN));
      } else if (i % 10 == 1) {
        log.info(EVENT, "mixed", field("n", REFUSED_BY_THE_API));
      } else {
        log.info(EVENT, "mixed", field("i", i));
      }
      EventBunkerStats snapshot = appender.stats();
      assertTrue(snapshot.pending() >= 0 && snapshot.accepted() == i + 1, snapshot.toString());
    }
    appender.driver().stop();

    appender.assertSettled(40);
    EventBunkerStats stats = appender.stats();
    List<EventResult> results = appender.awaitResults(40);
    assertEquals(40, results.size(), "one result per event");
    for (Outcome outcome : Outcome.values()) {
      assertEquals(count(stats, outcome), appender.results(outcome).size(), outcome.tag());
    }
    assertEquals(stats.delivered(), receiver().acceptedCount());
    assertEquals(4 + receiver().badRequestCount(), stats.rejected(), stats.toString());
  }

  private static long count(EventBunkerStats stats, Outcome outcome) {
    switch (outcome) {
      case DELIVERED:
        return stats.delivered();
      case REJECTED:
        return stats.rejected();
      case DROPPED:
        return stats.dropped();
      default:
        return stats.failed();
    }
  }
}
