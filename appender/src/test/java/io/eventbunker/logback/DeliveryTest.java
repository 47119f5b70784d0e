package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.eventbunker.logback.EventBunker.EVENT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every response the API can give, and the network failures in between. */
class DeliveryTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private AppenderHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private void start(Consumer<EventBunkerAppender> settings) {
    harness =
        new AppenderHarness(
            api.baseUrl() + "/post",
            appender -> {
              appender.setRetryInitialBackoff(Duration.buildByMilliseconds(20));
              appender.setRetryMaxBackoff(Duration.buildByMilliseconds(100));
              settings.accept(appender);
            });
  }

  /** Answers {@code first} once, then 200. */
  private static void firstThenOk(ResponseDefinitionBuilder first) {
    api.stubFor(
        post("/post")
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(first)
            .willSetStateTo("recovered"));
    api.stubFor(
        post("/post")
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"unique_req_id\":\"r\",\"time_recorded\":1}")));
  }

  private List<LoggedRequest> requests() {
    return api.findAll(postRequestedFor(urlEqualTo("/post")));
  }

  private EventResult onlyResult() {
    List<EventResult> results = harness.awaitResults(1);
    assertEquals(1, results.size(), results.toString());
    return results.get(0);
  }

  @Test
  void badRequestIsRejectedWithTheServersMessageAndNotRetried() {
    api.stubFor(
        post("/post")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("Body JSON validation failed. event_name is required")));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = onlyResult();
    assertEquals(Outcome.REJECTED, result.outcome());
    assertEquals(400, result.statusCode());
    assertTrue(
        result.reason().contains("Body JSON validation failed. event_name is required"),
        result.reason());
    assertEquals(1, requests().size());
    assertEquals(0, harness.appender.getStats().retries());
  }

  @Test
  void unauthorizedIsExplainedOnceAndStopsFurtherRequests() {
    api.stubFor(
        post("/post")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "Please use a write key for write requests. Invalid x-eventbunker-write-key")));
    start(a -> a.setMaxInFlight(1));
    harness.logger.info(EVENT, "first");
    assertEquals(Outcome.REJECTED, onlyResult().outcome());

    for (int i = 0; i < 100; i++) {
      harness.logger.info(EVENT, "later");
    }
    harness.awaitResults(101);

    assertEquals(1, requests().size(), "no request storm while the key stays wrong");
    assertEquals(101, harness.appender.getStats().rejected());
    assertTrue(harness.appender.getStats().writeKeyRejected());
    List<String> warnings = harness.statusMessages();
    long explained = warnings.stream().filter(m -> m.contains("query or delete key")).count();
    assertEquals(1, explained, warnings.toString());
    assertTrue(
        warnings.stream().anyMatch(m -> m.contains("Please use a write key for write requests")),
        warnings.toString());
  }

  @Test
  void aWrongKeyCostsOneRequestNotAWindow() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(401).withFixedDelay(100)));
    start(a -> {}); // maxInFlight 64
    for (int i = 0; i < 50; i++) {
      harness.logger.info(EVENT, "burst");
    }
    harness.awaitResults(50);

    assertEquals(1, requests().size(), "the key is checked before the burst is sent");
    assertEquals(50, harness.appender.getStats().rejected());
  }

  @Test
  void theConnectionIsOpenedBeforeTheFirstEventWithoutTheKey() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200)));
    start(a -> {});

    LoggedRequest preconnect =
        await()
            .until(() -> api.findAll(headRequestedFor(urlEqualTo("/post"))), r -> r.size() == 1)
            .get(0);
    assertFalse(preconnect.containsHeader("x-eventbunker-write-key"), "a HEAD carries no key");
    assertTrue(requests().isEmpty(), "no event was sent");
    harness.logger.info(EVENT, "first");
    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    assertEquals(1, api.findAll(headRequestedFor(urlEqualTo("/post"))).size());
  }

  @Test
  void theKeyIsCheckedWithOneRequestBeforeTheOthersFollow() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(200)));
    start(a -> {});
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "burst");
    }
    harness.awaitResults(10);

    List<LoggedRequest> requests = requests();
    assertEquals(10, requests.size());
    long gap =
        requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertTrue(
        gap >= 190,
        "the second request waited for the first answer, but came " + gap + " ms after it");
  }

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfter() {
    firstThenOk(aResponse().withStatus(429).withHeader("Retry-After", "1"));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    List<LoggedRequest> requests = requests();
    assertEquals(2, requests.size());
    long waited =
        requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
    assertTrue(waited >= 999, "waited " + waited + " ms, Retry-After asked for 1 s");
    assertEquals(1, harness.appender.getStats().retries());
  }

  @Test
  void serviceUnavailableIsRetried() {
    firstThenOk(aResponse().withStatus(503));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    assertEquals(2, requests().size());
  }

  @Test
  void requestTimeoutIsRetried() {
    firstThenOk(aResponse().withStatus(408));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    assertEquals(2, requests().size());
  }

  @Test
  void aHugeAnswerIsReadOnlyUpToItsBound() {
    api.stubFor(
        post("/post").willReturn(aResponse().withStatus(200).withBody("x".repeat(4 << 20))));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome(), "the rest is read and discarded");
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilDelivered() {
    api.stubFor(
        post("/post")
            .inScenario("s")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("again"));
    api.stubFor(
        post("/post")
            .inScenario("s")
            .whenScenarioStateIs("again")
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("ok"));
    api.stubFor(
        post("/post")
            .inScenario("s")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200)));
    List<String> retried = new java.util.concurrent.CopyOnWriteArrayList<>();
    start(
        a ->
            a.addListener(
                new EventBunkerListener() {
                  @Override
                  public void onRetry(String eventName, String reason) {
                    retried.add(reason);
                  }
                }));
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = onlyResult();
    assertEquals(Outcome.DELIVERED, result.outcome());
    assertEquals(null, result.uniqueRequestId(), "a 2xx without the documented body still counts");
    assertEquals(3, requests().size());
    assertEquals(2, retried.size());
    assertTrue(
        retried.get(0).contains("HTTP 500") && retried.get(1).contains("HTTP 502"),
        retried.toString());
  }

  @Test
  void exhaustedRetriesCountAsFailed() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(500).withBody("Error...")));
    start(a -> a.setRetryMaxAttempts(3));
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = onlyResult();
    assertEquals(Outcome.FAILED, result.outcome());
    assertTrue(result.reason().contains("gave up after 3 attempt(s)"), result.reason());
    assertEquals(3, requests().size());
    assertEquals(2, harness.appender.getStats().retries());
  }

  @Test
  void retryTimeoutBoundsRetriesWhateverTheAttemptsLeft() {
    api.stubFor(
        post("/post").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")));
    start(
        a -> {
          a.setRetryMaxAttempts(100);
          a.setRetryTimeout(Duration.buildByMilliseconds(1500));
        });
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.FAILED, onlyResult().outcome());
    assertEquals(1, requests().size(), "a 2 s Retry-After does not fit a 1.5 s retry timeout");
  }

  @Test
  void refusedConnectionsAreRetriedThenFail() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    harness =
        new AppenderHarness(
            "http://127.0.0.1:" + closedPort + "/post",
            a -> {
              a.setRetryMaxAttempts(2);
              a.setRetryInitialBackoff(Duration.buildByMilliseconds(10));
            });
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = onlyResult();
    assertEquals(Outcome.FAILED, result.outcome());
    assertEquals(0, result.statusCode());
    assertTrue(result.reason().contains("could not connect"), result.reason());
  }

  @Test
  void slowResponsesTimeOutAndAreRetried() {
    firstThenOk(aResponse().withStatus(200).withFixedDelay(3000));
    start(a -> a.setRequestTimeout(Duration.buildByMilliseconds(300)));
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    assertEquals(2, requests().size());
    assertTrue(
        harness.appender.getStats().lastError().contains("requestTimeout"),
        harness.appender.getStats().lastError());
  }

  @Test
  void aBodyThatNeverFinishesTimesOutAndIsRetried() {
    firstThenOk(
        aResponse()
            .withStatus(200)
            .withBody("{\"unique_req_id\":\"slow\"}")
            .withChunkedDribbleDelay(5, 10_000));
    start(a -> a.setRequestTimeout(Duration.buildByMilliseconds(300)));
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = onlyResult();
    assertEquals(Outcome.DELIVERED, result.outcome());
    assertEquals("r", result.uniqueRequestId());
  }

  @Test
  void connectionResetIsRetried() {
    firstThenOk(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
    assertEquals(1, harness.appender.getStats().retries());
  }

  @Test
  void malformedResponseIsRetried() {
    firstThenOk(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
    start(a -> {});
    harness.logger.info(EVENT, "signup_completed");

    assertEquals(Outcome.DELIVERED, onlyResult().outcome());
  }
}
