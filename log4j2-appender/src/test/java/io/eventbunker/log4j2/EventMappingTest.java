package io.eventbunker.log4j2;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import io.eventbunker.testkit.ReceivedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/** What a statement becomes, through the Log4j2 API and through SLF4J on log4j-slf4j2-impl. */
class EventMappingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(Log4j2Harness.WRITE_KEY));

  private Log4j2Harness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    ThreadContext.clearMap();
  }

  private Log4j2Harness start(Consumer<EventBunkerAppender.Builder> settings) {
    harness = new Log4j2Harness(eventBunker.receiver().endpoint().toString(), settings);
    return harness;
  }

  private Log4j2Harness start() {
    return start(b -> {});
  }

  private static ReceivedEvent received(String name) throws InterruptedException {
    return eventBunker.receiver().awaitEvent(name, WAIT);
  }

  @Test
  void eventNameIsTheTemplateNotTheFormattedMessage() throws Exception {
    Instant before = Instant.now();
    start().logger.info(EVENT, "user {} signed up", "bob");

    ReceivedEvent event = received("user {} signed up");
    assertEquals(Map.of(), event.fields());
    assertFalse(event.timestamp().isBefore(before.minusMillis(1)), event.toString());
    assertFalse(event.timestamp().isAfter(Instant.now()), event.toString());
  }

  @Test
  void statementsWithoutTheMarkerAreNotSent() throws Exception {
    start();
    harness.logger.info("plain");
    // Unique names: Log4j2's markers are global, and other tests give theirs parents.
    harness.logger.info(MarkerManager.getMarker("AUDIT-" + UUID.randomUUID()), "audited");
    harness.slf4j.info(
        MarkerFactory.getMarker("AUDIT-" + UUID.randomUUID()), "audited_through_slf4j");
    harness.logger.info(EVENT, "the_only_event");

    harness.awaitResults(1);
    assertEquals(List.of("the_only_event"), names(eventBunker.receiver().events()));
    assertEquals(1, harness.appender.getStats().accepted());
  }

  @Test
  void markerIsMatchedByNameAndAsAParent() throws Exception {
    start();
    Marker sameName = new MarkerManager.Log4jMarker("EVENT"); // not the one EventBunker holds
    Marker child = MarkerManager.getMarker("CHECKOUT-" + UUID.randomUUID());
    child.addParents(MarkerManager.getMarker("EVENT"));

    harness.logger.info(sameName, "by_name");
    harness.logger.info(child, "by_parent");

    received("by_name");
    received("by_parent");
  }

  @Test
  void slf4jMarkersArriveThroughTheBridgeByNameAndByReference() throws Exception {
    start();
    // Through the bridge a "detached" marker is Log4j2's global marker of that name: a unique one.
    org.slf4j.Marker audit = MarkerFactory.getDetachedMarker("AUDIT-" + UUID.randomUUID());
    audit.add(MarkerFactory.getMarker("EVENT"));

    harness.slf4j.info(MarkerFactory.getMarker("EVENT"), "user {} upgraded", "ada");
    harness.slf4j.info(audit, "by_reference");
    harness
        .slf4j
        .atInfo()
        .addMarker(MarkerFactory.getMarker("EVENT"))
        .addArgument(field("seats", 5))
        .log("fluent_with_field");

    assertEquals(Map.of(), received("user {} upgraded").fields());
    received("by_reference");
    assertEquals(Map.of("seats", 5), received("fluent_with_field").fields());
  }

  @Test
  void fieldArgumentsBecomeTypedFieldsThroughBothApis() throws Exception {
    start();
    harness.logger.info(
        EVENT,
        "order_placed",
        field("amount", 42.5),
        field("items", List.of("cat", "dog")),
        field("gift", true));
    harness.slf4j.info(MarkerFactory.getMarker("EVENT"), "seats_bought", field("seats", 5));

    assertEquals(
        Map.of("amount", 42.5, "items", List.of("cat", "dog"), "gift", true),
        received("order_placed").fields());
    assertEquals(Map.of("seats", 5), received("seats_bought").fields());
  }

  @Test
  void mapMessageEntriesAreFieldsAndItsMessageEntryTheName() throws Exception {
    start();
    harness.logger.info(
        EVENT, new StringMapMessage().with("message", "plan_upgraded").with("plan", "pro"));
    @SuppressWarnings({"rawtypes", "unchecked"})
    MapMessage typed = new MapMessage().with("message", "seats_bought").with("seats", 5);
    harness.logger.info(EVENT, typed);

    assertEquals(Map.of("plan", "pro"), received("plan_upgraded").fields());
    assertEquals(Map.of("seats", 5), received("seats_bought").fields());
  }

  @Test
  void aMapMessageWithoutAMessageEntryIsRejectedForHavingNoName() {
    start();
    harness.logger.info(EVENT, new StringMapMessage().with("plan", "pro"));

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.REJECTED, result.outcome());
    assertTrue(result.reason().contains("has no message"), result.reason());
  }

  @Test
  void threadContextCustomerIdentifierBecomesTheTopLevelFieldAndAFieldWins() throws Exception {
    start();
    ThreadContext.put("customer_identifier", "cust-42");
    harness.logger.info(EVENT, "signup_completed");
    harness.logger.info(EVENT, "overridden", field("customer_identifier", "from-field"));

    assertEquals("cust-42", received("signup_completed").customerIdentifier().orElseThrow());
    assertEquals("from-field", received("overridden").customerIdentifier().orElseThrow());
  }

  @Test
  void customerIdentifierMdcKeyIsConfigurable() throws Exception {
    start(b -> b.setCustomerIdentifierMdcKey("userId"));
    ThreadContext.put("userId", "u-7");
    harness.logger.info(EVENT, "signup_completed");

    assertEquals("u-7", received("signup_completed").customerIdentifier().orElseThrow());
  }

  @Test
  void listedThreadContextEntriesAreStringFieldsAndStatementFieldsWin() throws Exception {
    start(b -> b.setMdcKeys("region, tenant"));
    ThreadContext.put("region", "eu");
    ThreadContext.put("tenant", "acme");
    ThreadContext.put("unlisted", "no");
    MDC.put("tenant", "acme-through-slf4j"); // SLF4J's MDC is Log4j2's ThreadContext
    harness.logger.info(EVENT, "signup_completed", field("region", "us"));

    assertEquals(
        Map.of("region", "us", "tenant", "acme-through-slf4j"),
        received("signup_completed").fields());
  }

  /**
   * log4j-slf4j2-impl hands SLF4J key-values to Log4j2 as String ThreadContext entries around the
   * call: they are sent as strings when listed in mdcKeys, and not at all otherwise.
   */
  @Test
  void slf4jKeyValuesArriveAsThreadContextStringsSentOnlyWhenListed() throws Exception {
    start(b -> b.setMdcKeys("plan,seats"));
    harness
        .slf4j
        .atInfo()
        .addMarker(MarkerFactory.getMarker("EVENT"))
        .addKeyValue("plan", "pro")
        .addKeyValue("seats", 5)
        .addKeyValue("unlisted", true)
        .log("plan_upgraded");

    assertEquals(Map.of("plan", "pro", "seats", "5"), received("plan_upgraded").fields());
    assertEquals(Map.of(), ThreadContext.getImmutableContext(), "the bridge removed them again");
  }

  @Test
  void slf4jKeyValuesAreNotSentWhenNotListed() throws Exception {
    start();
    harness
        .slf4j
        .atInfo()
        .addMarker(MarkerFactory.getMarker("EVENT"))
        .addKeyValue("plan", "pro")
        .log("plan_upgraded");

    assertEquals(Map.of(), received("plan_upgraded").fields());
  }

  private static List<String> names(List<ReceivedEvent> events) {
    return events.stream().map(ReceivedEvent::name).collect(java.util.stream.Collectors.toList());
  }
}
