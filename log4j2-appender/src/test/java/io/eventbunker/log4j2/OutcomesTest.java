package io.eventbunker.log4j2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every outcome is counted, reported to listeners and explained in the StatusLogger. */
class OutcomesTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Log4j2Harness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private void start(Consumer<EventBunkerAppender.Builder> settings) {
    harness =
        new Log4j2Harness(
            api.baseUrl() + "/post",
            b -> {
              b.setRetryInitialBackoff("20 milliseconds").setRetryMaxBackoff("100");
              settings.accept(b);
            });
  }

  private static void assertAccountedFor(EventBunkerStats stats, long accepted) {
    assertEquals(accepted, stats.accepted(), stats.toString());
    assertEquals(
        stats.accepted(),
        stats.delivered() + stats.rejected() + stats.dropped() + stats.failed(),
        stats.toString());
    assertEquals(0, stats.pending(), stats.toString());
  }

  @Test
  void badRequestIsRejectedWithTheServersMessageAndNotRetried() {
    api.stubFor(
        post("/post")
            .willReturn(
                aResponse().withStatus(400).withBody("Body JSON validation failed. bad field")));
    start(b -> {});
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.REJECTED, result.outcome());
    assertEquals(400, result.statusCode());
    assertTrue(result.reason().contains("Body JSON validation failed"), result.reason());
    assertEquals(1, api.findAll(postRequestedFor(urlEqualTo("/post"))).size());
    assertTrue(
        harness.status.eventBunker(Level.WARN).stream()
            .anyMatch(m -> m.contains("signup_completed") && m.contains("rejected")),
        harness.status.messages().toString());
  }

  @Test
  void serverErrorsAreRetriedThenFailed() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(500)));
    start(b -> b.setRetryMaxAttempts(3));
    harness.logger.info(EVENT, "signup_completed");

    EventResult result = harness.awaitResults(1).get(0);
    assertEquals(Outcome.FAILED, result.outcome());
    assertEquals(3, api.findAll(postRequestedFor(urlEqualTo("/post"))).size());
    assertEquals(2, harness.appender.getStats().retries());
  }

  @Test
  void aFullQueueDropsAndEveryOutcomeIsCounted() {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(200)));
    start(
        b ->
            b.setQueueCapacity(5)
                .setMaxInFlight(1)
                .setShutdownTimeout("10 seconds")
                .setConsoleWarnings(false));
    harness.logger.info(EVENT, "too_big", field("ratio", Double.NaN)); // rejected locally
    for (int i = 0; i < 50; i++) {
      harness.logger.info(EVENT, "burst", field("i", i));
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 51);
    assertEquals(1, stats.rejected(), stats.toString());
    assertTrue(stats.dropped() >= 44, stats.toString());
    assertEquals(stats.dropped(), harness.results(Outcome.DROPPED).size());
    assertEquals(stats.delivered(), api.findAll(postRequestedFor(urlEqualTo("/post"))).size());
    assertTrue(
        harness.status.eventBunker(Level.WARN).stream()
            .anyMatch(m -> m.contains("the queue is full")),
        harness.status.messages().toString());
  }
}
