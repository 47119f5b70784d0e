package io.eventbunker.logback;

import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import io.eventbunker.testkit.ReceivedEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * The appender against the test kit's receiver, a faithful stand-in of the track API: what it
 * validates and stores, and its own count under injected faults, must agree with ours exactly.
 */
class ReceiverTest {
  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  private AppenderHarness harness;

  @BeforeEach
  void start(EventBunkerReceiver receiver) {
    harness =
        new AppenderHarness(
            receiver.endpoint().toString(),
            a -> {
              a.setRetryMaxAttempts(100);
              a.setRetryInitialBackoff(Duration.buildByMilliseconds(10));
              a.setRetryMaxBackoff(Duration.buildByMilliseconds(100));
              a.setShutdownTimeout(Duration.buildBySeconds(30));
            });
  }

  @AfterEach
  void stop() {
    harness.close();
    MDC.clear();
  }

  @Test
  void eventsArriveValidWithTheirFieldsAndTypes(EventBunkerReceiver receiver) throws Exception {
    MDC.put("customer_identifier", "cust-42");
    harness.logger.info(
        EVENT,
        "order_placed",
        field("amount", 42.5),
        field("items", List.of("cat", "dog")),
        field("gift", true),
        field("count", 3));

    ReceivedEvent event = receiver.awaitEvent("order_placed", java.time.Duration.ofSeconds(10));
    assertEquals(Optional.of("cust-42"), event.customerIdentifier());
    assertEquals(42.5, ((Number) event.fields().get("amount")).doubleValue());
    assertEquals(List.of("cat", "dog"), event.fields().get("items"));
    assertEquals(true, event.fields().get("gift"));
    assertEquals(3, ((Number) event.fields().get("count")).intValue());
    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(event.uniqueReqId(), result.uniqueRequestId(), "the receipt is the receiver's");
    assertEquals(0, receiver.badRequestCount(), "the receiver found nothing to reject");
  }

  @Test
  void accountingMatchesTheReceiversCountUnderServerErrors(EventBunkerReceiver receiver) {
    receiver.setErrorRate(0.3);
    for (int i = 0; i < 300; i++) {
      harness.logger.info(EVENT, "under_errors", field("i", i));
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(300, stats.delivered(), stats.toString());
    assertEquals(stats.delivered(), receiver.acceptedCount());
    assertTrue(receiver.injectedFaultCount() > 0);
    assertTrue(stats.retries() >= receiver.injectedFaultCount(), stats.toString());
  }

  @Test
  void accountingMatchesTheReceiversCountThroughAnOutage(EventBunkerReceiver receiver) {
    for (int i = 0; i < 50; i++) {
      harness.logger.info(EVENT, "before_outage", field("i", i));
    }
    receiver.startOutage(
        java.time.Duration.ofSeconds(2), EventBunkerReceiver.OutageMode.CLOSE_CONNECTION);
    for (int i = 0; i < 50; i++) {
      harness.logger.info(EVENT, "during_outage", field("i", i));
    }
    await().until(() -> receiver.injectedFaultCount() > 0);
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(100, stats.delivered(), stats.toString());
    assertEquals(100, receiver.acceptedCount());
  }

  @Test
  void tooManyRequestsAreRetriedAfterTheReceiversRetryAfter(EventBunkerReceiver receiver) {
    receiver.setTooManyRequestsRate(1.0);
    receiver.setRetryAfter(java.time.Duration.ofSeconds(1));
    harness.logger.info(EVENT, "throttled");
    await().until(() -> receiver.injectedFaultCount() >= 1);
    receiver.setTooManyRequestsRate(0);
    harness.close();

    assertEquals(1, harness.appender.getStats().delivered());
    assertEquals(1, receiver.acceptedCount());
  }
}
