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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/**
 * The mapping as only Logback shows it: headers, a hand-made LoggingEvent's time, the statement's
 * own rejections. What every appender owes is in the contract suite ({@link
 * LogbackEventMappingContractTest}, {@link LogbackFieldValuesContractTest}).
 */
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
}
