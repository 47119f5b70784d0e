package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers from whatever sits between the application and the API — a wrong URL, a proxy, a
 * firewall, a captive portal — are never the API's verdict on an event: nothing is rejected,
 * nothing leaves the spool, sending pauses, and one message says what to fix.
 */
class NotTheApiTest {
  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(AppenderHarness.WRITE_KEY));

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path spoolDirectory;

  private AppenderHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            aResponse().withStatus(404).withBody("no such route"), "(the track API's is /post)"),
        Arguments.of(aResponse().withStatus(403).withBody("denied"), "firewall, WAF or proxy"),
        Arguments.of(aResponse().withStatus(405), "not the track API's /post"),
        Arguments.of(aResponse().withStatus(407), "a proxy requires authentication"),
        Arguments.of(
            aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example/post"),
            "a redirect to https://elsewhere.example/post"),
        Arguments.of(
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad Request</body></html>"),
            "not the EventBunker API's answer"),
        Arguments.of(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<!DOCTYPE html><html>Sign in to the hotel Wi-Fi</html>"),
            "not the EventBunker API's answer"));
  }

  @ParameterizedTest
  @MethodSource("answers")
  void isNeverARejectionAndPausesSendingWithOneMessage(
      ResponseDefinitionBuilder answer, String cause) {
    api.stubFor(post("/post").willReturn(answer));
    harness = new AppenderHarness(api.baseUrl() + "/post");
    for (int i = 0; i < 20; i++) {
      harness.logger.info(EVENT, "held", field("id", i));
    }
    await().until(() -> harness.appender.getStats().endpointMisdirected());

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(0, stats.rejected(), stats.toString());
    assertEquals(0, stats.failed(), stats.toString());
    assertEquals(1, api.findAll(postRequestedFor(urlEqualTo("/post"))).size(), "then paused");
    long messages =
        harness.statusMessages().stream()
            .filter(m -> m.contains("which is not the EventBunker API's answer"))
            .count();
    assertEquals(1, messages, harness.statusMessages().toString());
    assertTrue(
        harness.statusMessages().stream().anyMatch(m -> m.contains(cause)),
        harness.statusMessages().toString());

    harness.close();
    assertEquals(20, harness.appender.getStats().failed(), "at stop, without a spool");
    assertEquals(0, harness.appender.getStats().rejected());
  }

  @Test
  void anAnswerFromAnApiErrorIsStillARejection() {
    api.stubFor(
        post("/post")
            .willReturn(
                aResponse()
                    .withStatus(422)
                    .withBody("{\"error\":\"Body JSON validation failed.\"}")));
    harness = new AppenderHarness(api.baseUrl() + "/post");
    harness.logger.info(EVENT, "invalid");

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.REJECTED, result.outcome());
    assertEquals(422, result.statusCode());
  }

  @Test
  void aWrongUrlRemovesNothingFromTheSpool(EventBunkerReceiver receiver) throws Exception {
    AppenderHarness down = spooling(SpoolTest.deadEndpoint());
    for (int i = 0; i < 300; i++) {
      down.logger.info(EVENT, "kept", field("id", i));
    }
    down.close();
    assertEquals(300, down.appender.getStats().spooled());

    api.stubFor(post("/post").willReturn(aResponse().withStatus(404).withBody("not here")));
    harness = spooling(api.baseUrl() + "/post");
    await().until(() -> harness.appender.getStats().endpointMisdirected());
    harness.close();
    EventBunkerStats misdirected = harness.appender.getStats();
    assertEquals(0, misdirected.rejected(), misdirected.toString());
    assertEquals(0, misdirected.failed(), misdirected.toString());

    harness = spooling(receiver.endpoint().toString());
    // Every one arrives; the one given back to the spool may come twice (README: at least once).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                receiver.events().stream().map(e -> e.fields().get("id")).distinct().count()
                    == 300);
  }

  private AppenderHarness spooling(String endpoint) {
    return new AppenderHarness(
        endpoint,
        a -> {
          a.setSpoolDirectory(spoolDirectory.toString());
          a.setRetryMaxAttempts(1000);
          a.setShutdownTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(300));
        });
  }
}
