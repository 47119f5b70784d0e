package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statements a hostile or careless caller can log. Each has one defined outcome (the README's
 * "Field values" table), arrives within a bounded time, and never throws to the caller.
 */
class HostileInputTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private AppenderHarness harness;

  @BeforeEach
  void start() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    harness = new AppenderHarness(api.baseUrl() + "/post");
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** A case: what is logged, how it must end, and what the reason or the sent body must say. */
  private static Arguments hostile(
      String name, Consumer<Logger> statement, Outcome outcome, Predicate<String> expectation) {
    return Arguments.of(name, statement, outcome, expectation);
  }

  private static Predicate<String> says(String text) {
    return s -> s.contains(text);
  }

  static Stream<Arguments> cases() {
    List<Object> cyclicList = new ArrayList<>();
    cyclicList.add(cyclicList);
    Map<String, Object> cyclicMap = new HashMap<>();
    cyclicMap.put("self", cyclicMap);
    CountDownLatch never = new CountDownLatch(1);
    Object blockingToString =
        new Object() {
          @Override
          public String toString() {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return "";
          }
        };
    Object throwingToString =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    CharSequence throwingCharSequence =
        new CharSequence() {
          @Override
          public int length() {
            return 3;
          }

          @Override
          public char charAt(int index) {
            return 'x';
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            return this;
          }

          @Override
          public String toString() {
            throw new IllegalStateException("boom");
          }
        };
    AbstractCollection<String> failingIterator =
        new AbstractCollection<>() {
          @Override
          public Iterator<String> iterator() {
            throw new java.util.ConcurrentModificationException();
          }

          @Override
          public int size() {
            return 1;
          }
        };
    String tenMegabytes = "x".repeat(10 * 1024 * 1024);
    Object[] thousandsOfFields =
        IntStream.range(0, 2000).mapToObj(i -> field("f" + i, i)).toArray();
    Object[] tooManyFields = IntStream.range(0, 20_000).mapToObj(i -> field("f" + i, i)).toArray();

    return Stream.of(
        hostile(
            "cyclic list",
            l -> l.info(EVENT, "e", field("v", cyclicList)),
            Outcome.REJECTED,
            says("array of arrays")),
        hostile(
            "cyclic map",
            l -> l.info(EVENT, "e", field("v", cyclicMap)),
            Outcome.REJECTED,
            says("events are flat")),
        hostile(
            "toString that throws",
            l -> l.info(EVENT, "e", field("v", throwingToString)),
            Outcome.REJECTED,
            says("has type")),
        hostile(
            "toString that blocks",
            l -> l.info(EVENT, "e", field("v", blockingToString)),
            Outcome.REJECTED,
            says("has type")),
        hostile(
            "CharSequence whose toString throws",
            l -> l.info(EVENT, "e", field("v", throwingCharSequence)),
            Outcome.REJECTED,
            says("could not be read")),
        hostile(
            "collection whose iterator fails",
            l -> l.info(EVENT, "e", field("v", failingIterator)),
            Outcome.REJECTED,
            says("could not be read")),
        hostile(
            "10 MB string",
            l -> l.info(EVENT, "e", field("v", tenMegabytes)),
            Outcome.REJECTED,
            says("maxEventBytes")),
        hostile(
            "10 MB event name",
            l -> l.info(EVENT, tenMegabytes),
            Outcome.REJECTED,
            says("maxEventBytes")),
        hostile(
            "huge primitive array",
            l -> l.info(EVENT, "e", field("v", new int[10_000_000])),
            Outcome.REJECTED,
            says("maxEventBytes")),
        hostile(
            "huge list",
            l -> l.info(EVENT, "e", field("v", java.util.Collections.nCopies(10_000_000, 1))),
            Outcome.REJECTED,
            says("maxEventBytes")),
        hostile(
            "NaN", l -> l.info(EVENT, "e", field("v", Double.NaN)), Outcome.REJECTED, says("NaN")),
        hostile(
            "Float NaN",
            l -> l.info(EVENT, "e", field("v", Float.NaN)),
            Outcome.REJECTED,
            says("NaN")),
        hostile(
            "+Infinity",
            l -> l.info(EVENT, "e", field("v", Double.POSITIVE_INFINITY)),
            Outcome.REJECTED,
            says("Infinity")),
        hostile(
            "-Infinity",
            l -> l.info(EVENT, "e", field("v", Double.NEGATIVE_INFINITY)),
            Outcome.REJECTED,
            says("-Infinity")),
        hostile(
            "NaN inside an array",
            l -> l.info(EVENT, "e", field("v", new double[] {1, Double.NaN})),
            Outcome.REJECTED,
            says("NaN")),
        hostile(
            "null key", l -> l.info(EVENT, "e", field(null, 1)), Outcome.REJECTED, says("no name")),
        hostile(
            "null key-value key",
            l -> l.atInfo().addMarker(EVENT).addKeyValue(null, 1).log("e"),
            Outcome.REJECTED,
            says("no name")),
        hostile(
            "null value",
            l -> l.info(EVENT, "e", field("v", null), field("w", 1)),
            Outcome.DELIVERED,
            body -> !body.contains("\"v\"") && body.contains("\"w\":1")),
        hostile(
            "null argument",
            l -> l.info(EVENT, "e", (Object) null),
            Outcome.DELIVERED,
            says("\"event_name\":\"e\"")),
        hostile(
            "control characters in a key",
            l -> l.info(EVENT, "e", field("a\nb\u0000", 1)),
            Outcome.DELIVERED,
            says("\"a\\nb\\u0000\":1")),
        hostile(
            "unpaired surrogate in a key",
            l -> l.info(EVENT, "e", field("k\uDC00", 1)),
            Outcome.DELIVERED,
            says("\"k\\uDC00\":1")),
        hostile(
            "field named event_name",
            l -> l.info(EVENT, "e", field("event_name", "x")),
            Outcome.REJECTED,
            says("reserved")),
        hostile(
            "field named timestamp",
            l -> l.info(EVENT, "e", field("timestamp", new Date())),
            Outcome.REJECTED,
            says("reserved")),
        hostile(
            "customer_identifier as a map",
            l -> l.info(EVENT, "e", field("customer_identifier", Map.of())),
            Outcome.REJECTED,
            says("customer_identifier")),
        hostile(
            "thousands of fields",
            l -> l.info(EVENT, "e", thousandsOfFields),
            Outcome.DELIVERED,
            says("\"f1999\":1999")),
        hostile(
            "tens of thousands of fields",
            l -> l.info(EVENT, "e", tooManyFields),
            Outcome.REJECTED,
            says("maxEventBytes")),
        hostile("empty message", l -> l.info(EVENT, ""), Outcome.REJECTED, says("no message")),
        hostile(
            "null message",
            l -> l.info(EVENT, (String) null),
            Outcome.REJECTED,
            says("no message")),
        hostile(
            "Optional value",
            l -> l.info(EVENT, "e", field("v", Optional.of(1))),
            Outcome.REJECTED,
            says("java.util.Optional")),
        hostile(
            "Stream value",
            l -> l.info(EVENT, "e", field("v", Stream.of(1))),
            Outcome.REJECTED,
            says("has type")),
        hostile(
            "BigDecimal too large to write plainly",
            l -> l.info(EVENT, "e", field("v", new BigDecimal("1E+100000"))),
            Outcome.REJECTED,
            says("cannot be written as JSON")),
        hostile(
            "enum with a lying toString",
            l -> l.info(EVENT, "e", field("v", LyingEnum.REAL)),
            Outcome.DELIVERED,
            says("\"v\":\"REAL\"")));
  }

  enum LyingEnum {
    REAL {
      @Override
      public String toString() {
        return "LIE";
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileStatementHasItsDefinedOutcome(
      String name, Consumer<Logger> statement, Outcome outcome, Predicate<String> expectation) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertDoesNotThrow(() -> statement.accept(harness.logger)));

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(outcome, result.outcome(), result.toString());
    List<LoggedRequest> sent = api.findAll(postRequestedFor(urlEqualTo("/post")));
    if (outcome == Outcome.DELIVERED) {
      assertEquals(1, sent.size());
      String body = sent.get(0).getBodyAsString();
      assertTrue(expectation.test(body), body.length() > 500 ? body.substring(0, 500) : body);
    } else {
      assertEquals(0, sent.size(), "a rejected event is never sent");
      assertTrue(expectation.test(result.reason()), result.reason());
    }
    assertEquals(0, harness.appender.getStats().pending());
  }
}
