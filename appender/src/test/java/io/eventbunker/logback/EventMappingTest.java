package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

class EventMappingTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private AppenderHarness harness;

  @BeforeEach
  void acceptEverything() {
    api.stubFor(
        post("/post")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"unique_req_id\":\"0af5\",\"time_recorded\":1624910874832}")));
    harness = new AppenderHarness(api.baseUrl() + "/post");
  }

  @AfterEach
  void stop() {
    harness.close();
    MDC.clear();
  }

  private String sentBody() {
    harness.awaitResults(1);
    List<LoggedRequest> requests = api.findAll(postRequestedFor(urlEqualTo("/post")));
    assertEquals(1, requests.size(), "requests sent");
    return requests.get(0).getBodyAsString();
  }

  private void assertSent(String expectedJson) {
    harness.awaitResults(1);
    api.verify(
        1,
        postRequestedFor(urlEqualTo("/post"))
            .withRequestBody(equalToJson(expectedJson, false, true)));
  }

  private EventResult rejection() {
    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.REJECTED, result.outcome(), result.toString());
    assertEquals(0, api.findAll(postRequestedFor(urlEqualTo("/post"))).size(), "requests sent");
    return result;
  }

  @Test
  void markedStatementBecomesAnEventNamedByItsTemplate() {
    harness.logger.info(EVENT, "signup_completed");

    assertSent("{\"event_name\":\"signup_completed\"}");
    api.verify(
        postRequestedFor(urlEqualTo("/post"))
            .withHeader("x-eventbunker-write-key", equalTo(AppenderHarness.WRITE_KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                matchingJsonPath(
                    "$.timestamp",
                    matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"))));
  }

  @Test
  void eventNameIsTheTemplateNotTheFormattedMessage() {
    harness.logger.info(EVENT, "user {} signed up", "bob");

    assertSent("{\"event_name\":\"user {} signed up\"}");
  }

  @Test
  void statementsWithoutTheMarkerAreNotSent() {
    harness.logger.info("signup_completed");
    harness.logger.info(MarkerFactory.getDetachedMarker("AUDIT"), "signup_completed");
    harness.logger.info(EVENT, "the_only_event");

    assertSent("{\"event_name\":\"the_only_event\"}");
    assertEquals(1, harness.appender.getStats().accepted());
  }

  @Test
  void markerIsMatchedByNameAndAsAReference() {
    Marker detached = MarkerFactory.getDetachedMarker("EVENT");
    Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
    audit.add(MarkerFactory.getMarker("EVENT"));

    harness.logger.info(detached, "by_name");
    harness.logger.info(audit, "by_reference");

    harness.awaitResults(2);
    api.verify(
        1,
        postRequestedFor(urlEqualTo("/post"))
            .withRequestBody(equalToJson("{\"event_name\":\"by_name\"}", false, true)));
    api.verify(
        1,
        postRequestedFor(urlEqualTo("/post"))
            .withRequestBody(equalToJson("{\"event_name\":\"by_reference\"}", false, true)));
  }

  @Test
  void fluentKeyValuesBecomeTypedFields() {
    harness
        .logger
        .atInfo()
        .addMarker(EVENT)
        .addKeyValue("plan", "pro")
        .addKeyValue("seats", 5)
        .log("plan_upgraded");

    assertSent("{\"event_name\":\"plan_upgraded\",\"plan\":\"pro\",\"seats\":5}");
  }

  @Test
  void fieldArgumentsBecomeTypedFields() {
    harness.logger.info(
        EVENT,
        "order_placed",
        field("amount", 42.5),
        field("items", List.of("cat", "dog")),
        field("gift", true));

    assertSent(
        "{\"event_name\":\"order_placed\",\"amount\":42.5,\"items\":[\"cat\",\"dog\"],\"gift\":true}");
  }

  @Test
  void mdcCustomerIdentifierBecomesTheTopLevelField() {
    MDC.put("customer_identifier", "cust-42");
    harness.logger.info(EVENT, "signup_completed");

    assertSent("{\"event_name\":\"signup_completed\",\"customer_identifier\":\"cust-42\"}");
  }

  @Test
  void customerIdentifierFieldWinsOverMdc() {
    MDC.put("customer_identifier", "from-mdc");
    harness.logger.info(EVENT, "signup_completed", field("customer_identifier", "from-field"));

    assertSent("{\"customer_identifier\":\"from-field\"}");
  }

  @Test
  void customerIdentifierMdcKeyIsConfigurable() {
    harness.close();
    harness =
        new AppenderHarness(api.baseUrl() + "/post", a -> a.setCustomerIdentifierMdcKey("userId"));
    MDC.put("userId", "u-7");
    harness.logger.info(EVENT, "signup_completed");

    assertSent("{\"customer_identifier\":\"u-7\"}");
  }

  @Test
  void includedMdcKeysAreCopiedAsFieldsAndStatementFieldsWin() {
    harness.close();
    harness = new AppenderHarness(api.baseUrl() + "/post", a -> a.setMdcKeys("region, tenant"));
    MDC.put("region", "eu");
    MDC.put("tenant", "acme");
    MDC.put("secret", "not-copied");
    harness.logger.info(EVENT, "signup_completed", field("tenant", "override"));

    assertSent("{\"region\":\"eu\",\"tenant\":\"override\"}");
    assertFalse(sentBody().contains("not-copied"));
  }

  @Test
  void timestampIsTheStatementsTimeInUtcWhateverTheDefaultZone() {
    assertFalse(
        TimeZone.getDefault().getRawOffset() == 0 && TimeZone.getDefault().getID().equals("UTC"),
        "tests must run in a non-UTC zone to prove this");
    LoggingEvent event =
        new LoggingEvent(
            getClass().getName(), harness.logger, Level.INFO, "signup_completed", null, null);
    event.addMarker(EVENT);
    event.setTimeStamp(
        ZonedDateTime.of(2021, 6, 26, 14, 48, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli());

    harness.appender.doAppend(event);

    assertSent("{\"event_name\":\"signup_completed\",\"timestamp\":\"2021-06-26T14:48:00.000\"}");
  }

  enum Plan {
    PRO
  }

  @Test
  void supportedValuesAreConverted() {
    Instant instant = Instant.parse("2024-05-01T10:15:30.123Z");
    List<String> withNull = new ArrayList<>();
    withNull.add("a");
    withNull.add(null);
    harness.logger.info(
        EVENT,
        "conversions",
        field("plan", Plan.PRO),
        field("at", instant),
        field("date", Date.from(instant)),
        field("day", LocalDate.of(2024, 5, 1)),
        field("price", new BigDecimal("1E+3")),
        field("big", new BigInteger("123456789012345678901234567890")),
        field("count", 7L),
        field("ratio", 0.25f),
        field("counter", new AtomicInteger(3)),
        field("id", UUID.fromString("00000000-0000-0000-0000-000000000001")),
        field("scores", new int[] {1, 2}),
        field("tags", withNull),
        field("missing", null),
        field("letter", 'x'),
        field("text", new StringBuilder("built")));

    assertSent(
        "{\"plan\":\"PRO\",\"at\":\"2024-05-01T10:15:30.123\",\"date\":\"2024-05-01T10:15:30.123\","
            + "\"day\":\"2024-05-01\",\"price\":1000,\"big\":123456789012345678901234567890,"
            + "\"count\":7,\"ratio\":0.25,\"counter\":3,\"id\":\"00000000-0000-0000-0000-000000000001\","
            + "\"scores\":[1,2],\"tags\":[\"a\"],\"letter\":\"x\",\"text\":\"built\"}");
    assertFalse(sentBody().contains("missing"), "null fields are left out");
  }

  @Test
  void laterFieldsWinOverEarlierOnesWithTheSameName() {
    harness
        .logger
        .atInfo()
        .addMarker(EVENT)
        .addKeyValue("plan", "from-pair")
        .addArgument(field("plan", "from-field"))
        .log("plan_upgraded");

    String body = sentBody();
    assertTrue(body.contains("\"plan\":\"from-field\""), body);
    assertFalse(body.contains("from-pair"), body);
  }

  @Test
  void manyFieldsWithDuplicatesKeepTheLastOfEach() {
    Object[] fields = new Object[40];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field("f" + (i % 20), i);
    }
    harness.logger.info(EVENT, "many_fields", fields);

    String body = sentBody();
    assertTrue(body.contains("\"f0\":20") && body.contains("\"f19\":39"), body);
    assertFalse(body.contains("\"f0\":0,"), body);
  }

  @Test
  void throwableAttachedToTheStatementIsNotSent() {
    harness.logger.info(
        EVENT, "payment_failed", field("amount", 3), new IllegalStateException("card declined"));

    assertSent("{\"event_name\":\"payment_failed\",\"amount\":3}");
    assertFalse(sentBody().contains("card declined"));
  }

  @Test
  void unpairedSurrogatesAndControlCharactersAreEscaped() {
    harness.logger.info(EVENT, "odd_text", field("k\u0001", "a\uD800b"));

    String body = sentBody();
    assertTrue(body.contains("\"k\\u0001\":\"a\\uD800b\""), body);
  }

  @Test
  void argumentsChangedAfterTheCallAreNotSeen() {
    harness.close();
    api.stubFor(
        post("/post")
            .withRequestBody(matchingJsonPath("$.event_name", equalTo("slow")))
            .willReturn(aResponse().withStatus(200).withFixedDelay(500)));
    harness = new AppenderHarness(api.baseUrl() + "/post", a -> a.setMaxInFlight(1));
    List<String> items = new ArrayList<>(List.of("cat"));
    int[] scores = {1};
    StringBuilder note = new StringBuilder("before");
    Date when = new Date(0);
    harness.logger.info(EVENT, "slow"); // holds the only request slot while we change the values
    harness.logger.info(
        EVENT,
        "order_placed",
        field("items", items),
        field("scores", scores),
        field("note", note),
        field("when", when));
    items.add("dog");
    scores[0] = 2;
    note.append(" and after");
    when.setTime(86_400_000);

    harness.awaitResults(2);
    api.verify(
        1,
        postRequestedFor(urlEqualTo("/post"))
            .withRequestBody(
                equalToJson(
                    "{\"event_name\":\"order_placed\",\"items\":[\"cat\"],\"scores\":[1],"
                        + "\"note\":\"before\",\"when\":\"1970-01-01T00:00:00.000\"}",
                    false,
                    true)));
  }

  @Test
  void notANumberIsRejectedNamingTheField() {
    harness.logger.info(EVENT, "measured", field("ratio", Double.NaN));

    assertTrue(rejection().reason().contains("field 'ratio' is NaN"));
  }

  @Test
  void infinityIsRejected() {
    harness.logger.info(EVENT, "measured", field("ratio", Double.POSITIVE_INFINITY));

    assertTrue(rejection().reason().contains("'ratio' is Infinity"));
  }

  @Test
  void mapsAreRejectedWithAHint() {
    harness.logger.info(EVENT, "nested", field("address", Map.of("city", "Oslo")));

    assertTrue(rejection().reason().contains("log the map's entries as separate fields"));
  }

  @Test
  void objectsAreRejectedWithoutCallingTheirToString() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new AssertionError("toString must not be called");
          }
        };
    harness.logger.info(EVENT, "pojo", field("user", hostile));

    EventResult result = rejection();
    assertTrue(result.reason().contains("field 'user' has type"), result.reason());
  }

  @Test
  void arraysOfArraysAreRejected() {
    harness.logger.info(EVENT, "nested", field("matrix", List.of(List.of(1))));

    assertTrue(rejection().reason().contains("array of arrays"));
  }

  @Test
  void reservedFieldNamesAreRejected() {
    harness.logger.info(EVENT, "renamed", field("event_name", "other"));

    assertTrue(rejection().reason().contains("field 'event_name' is reserved"));
  }

  @Test
  void fieldWithoutANameIsRejected() {
    harness.logger.info(EVENT, "nameless", field(null, 1));

    assertTrue(rejection().reason().contains("a field has no name"));
  }

  @Test
  void statementWithoutAMessageIsRejected() {
    harness.logger.info(EVENT, "");

    assertTrue(rejection().reason().contains("no message"));
  }

  @Test
  void oversizedEventsAreRejectedBeforeQueueing() {
    char[] text = new char[100_000];
    harness.logger.info(EVENT, "huge", field("text", new String(text)));

    EventResult result = rejection();
    assertTrue(result.reason().contains("larger than maxEventBytes"), result.reason());
    assertEquals(0, harness.appender.getStats().queueSize());
  }

  @Test
  void rejectionsAreCountedAndReported() {
    harness.logger.info(EVENT, "measured", field("ratio", Double.NaN));
    rejection();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(1, stats.accepted());
    assertEquals(1, stats.rejected());
    assertEquals(0, stats.pending());
    assertTrue(
        harness.statusMessages().stream()
            .anyMatch(m -> m.startsWith("WARN") && m.contains("rejected event 'measured'")),
        harness.statusMessages().toString());
  }

  @Test
  void receiptIsPassedToListeners() {
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.DELIVERED, result.outcome());
    assertEquals("0af5", result.uniqueRequestId());
    assertEquals(1624910874832L, result.timeRecorded());
    assertEquals(200, result.statusCode());
  }
}
