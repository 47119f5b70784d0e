package io.eventbunker.logback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.logback.EventBunker.EVENT;
import static io.eventbunker.logback.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.Outcome;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What happens when events come faster than they can be sent, and at stop(). */
class QueueAndShutdownTest {
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

  private void respondAfter(int delayMillis) {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)));
  }

  private void start(Consumer<EventBunkerAppender> settings) {
    harness = new AppenderHarness(api.baseUrl() + "/post", settings);
  }

  private int requestsReceived() {
    return api.findAll(postRequestedFor(urlEqualTo("/post"))).size();
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
  void fullQueueDropsAndCountsEveryDrop() {
    respondAfter(200);
    start(
        a -> {
          a.setQueueCapacity(5);
          a.setMaxInFlight(1);
          a.setShutdownTimeout(Duration.buildBySeconds(10));
        });
    for (int i = 0; i < 50; i++) {
      harness.logger.info(EVENT, "burst", field("i", i));
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 50);
    assertTrue(stats.dropped() >= 44, stats.toString());
    assertEquals(stats.delivered(), requestsReceived());
    assertEquals(stats.dropped(), harness.results(Outcome.DROPPED).size());
  }

  @Test
  void dropsAreExplainedOnceNotOncePerEvent() {
    respondAfter(200);
    start(
        a -> {
          a.setQueueCapacity(1);
          a.setMaxInFlight(1);
        });
    for (int i = 0; i < 30; i++) {
      harness.logger.info(EVENT, "burst");
    }

    long explanations =
        harness.statusMessages().stream().filter(m -> m.contains("the queue is full")).count();
    assertEquals(1, explanations, harness.statusMessages().toString());
  }

  @Test
  void queueIsBoundedByBytesToo() {
    respondAfter(200);
    start(
        a -> {
          a.setQueueCapacity(1000);
          a.setMaxInFlight(1);
          a.setMaxEventBytes(new FileSize(1024));
          a.setQueueMaxBytes(new FileSize(2048));
        });
    String text = "x".repeat(600);
    for (int i = 0; i < 20; i++) {
      harness.logger.info(EVENT, "large", field("text", text));
    }

    EventBunkerStats stats = harness.appender.getStats();
    assertTrue(stats.dropped() >= 15, stats.toString());
    assertTrue(stats.queueSize() <= 3, stats.toString());
  }

  @Test
  void appendTimeoutLetsLoggingThreadsWaitForSpace() {
    respondAfter(20);
    start(
        a -> {
          a.setQueueCapacity(1);
          a.setMaxInFlight(1);
          a.setAppendTimeout(Duration.buildBySeconds(10));
        });
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "patient");
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 10);
    assertEquals(10, stats.delivered(), stats.toString());
  }

  @Test
  void stopDeliversEverythingQueued() {
    respondAfter(10);
    start(
        a -> {
          a.setMaxInFlight(4);
          a.setShutdownTimeout(Duration.buildBySeconds(60));
        });
    for (int i = 0; i < 200; i++) {
      harness.logger.info(EVENT, "queued", field("i", i));
    }
    harness.close();

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 200);
    assertEquals(200, stats.delivered());
    assertEquals(200, requestsReceived());
    assertTrue(
        harness.statusMessages().stream()
            .anyMatch(m -> m.startsWith("INFO") && m.contains("200 delivered")),
        harness.statusMessages().toString());
  }

  @Test
  void stopGivesUpAtItsTimeoutAndReportsWhatWasLeft() {
    respondAfter(10_000);
    start(a -> a.setShutdownTimeout(Duration.buildByMilliseconds(300)));
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "stuck");
    }

    // Bounded well below the server's 10 s delay: stop() must not wait for it.
    assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), harness::close);

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 10);
    assertEquals(10, stats.failed());
    assertTrue(harness.results(Outcome.FAILED).get(0).reason().contains("shutdownTimeout"));
    assertTrue(
        harness.statusMessages().stream()
            .anyMatch(m -> m.startsWith("WARN") && m.contains("10 failed")),
        harness.statusMessages().toString());
  }

  @Test
  void stopWithATimeoutOfItsOwnOverridesShutdownTimeout() {
    respondAfter(10_000);
    start(a -> a.setShutdownTimeout(Duration.buildBySeconds(30)));
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "stuck");
    }

    // Well below the 30 s shutdownTimeout and the server's 10 s delay.
    assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(5),
        () -> harness.appender.stop(java.time.Duration.ofMillis(300)));

    EventBunkerStats stats = harness.appender.getStats();
    assertAccountedFor(stats, 10);
    assertEquals(10, stats.failed());
  }

  @Test
  void eventsLoggedAfterStopAreNotAccepted() {
    respondAfter(0);
    start(a -> {});
    harness.close();
    harness.logger.info(EVENT, "too_late");

    assertEquals(0, harness.appender.getStats().accepted());
  }

  @Test
  void aStoppedAppenderCanBeStartedAgain() {
    respondAfter(0);
    start(a -> {});
    harness.logger.info(EVENT, "before");
    harness.close();
    harness.appender.start();
    harness.logger.addAppender(harness.appender);
    harness.logger.info(EVENT, "after");
    harness.awaitResults(2);

    assertEquals(2, harness.appender.getStats().delivered());
    assertFalse(harness.results(Outcome.DELIVERED).isEmpty());
  }
}
