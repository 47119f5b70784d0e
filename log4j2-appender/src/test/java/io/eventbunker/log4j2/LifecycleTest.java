package io.eventbunker.log4j2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * stop() in each of its forms delivers what is queued within its time; flush() without stopping.
 */
class LifecycleTest {
  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Log4j2Harness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  /** Ten events on one connection, each answered after {@code delayMillis}. */
  private void logTenSlowly(int delayMillis, Consumer<EventBunkerAppender.Builder> settings) {
    api.stubFor(post("/post").willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)));
    harness =
        new Log4j2Harness(
            api.baseUrl() + "/post",
            b -> settings.accept(b.setMaxInFlight(1).setConsoleWarnings(false)));
    for (int i = 0; i < 10; i++) {
      harness.logger.info(EVENT, "burst", field("i", i));
    }
  }

  private int requests() {
    return api.findAll(postRequestedFor(urlEqualTo("/post"))).size();
  }

  @Test
  void stopDeliversWhatIsQueuedAndReportsTheTotals() {
    logTenSlowly(50, b -> {});
    harness.appender.stop();

    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(10, stats.delivered(), stats.toString());
    assertEquals(10, requests());
    assertTrue(harness.appender.isStopped());
    assertTrue(
        harness.status.eventBunker(Level.INFO).stream()
            .anyMatch(m -> m.contains("stopped: 10 events accepted, 10 delivered")),
        harness.status.messages().toString());
  }

  @Test
  void log4jsDefaultStopTimeoutOfZeroMeansOurShutdownTimeout() {
    logTenSlowly(50, b -> b.setShutdownTimeout("20 seconds"));
    assertTrue(harness.appender.stop(0, TimeUnit.MILLISECONDS));

    assertEquals(10, harness.appender.getStats().delivered());
  }

  /** What LogManager.shutdown() passes: ContextSelector.DEFAULT_STOP_TIMEOUT, 50 ms. */
  @Test
  void aShorterStopTimeoutFromLog4jDoesNotCutOursShort() {
    logTenSlowly(50, b -> b.setShutdownTimeout("20 seconds"));
    assertTrue(harness.appender.stop(50, TimeUnit.MILLISECONDS));

    assertEquals(10, harness.appender.getStats().delivered());
  }

  @Test
  void aLongerStopTimeoutFromLog4jExtendsOurs() {
    logTenSlowly(150, b -> b.setShutdownTimeout("100 milliseconds"));
    assertTrue(harness.appender.stop(20, TimeUnit.SECONDS));

    assertEquals(10, harness.appender.getStats().delivered());
  }

  @Test
  void stopWithADurationOfItsOwnOverridesShutdownTimeout() {
    logTenSlowly(1000, b -> b.setShutdownTimeout("60 seconds"));
    long start = System.nanoTime();
    harness.appender.stop(Duration.ofMillis(300));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms, not about 300 ms");
    EventBunkerStats stats = harness.appender.getStats();
    assertEquals(10, stats.failed(), stats.toString());
  }

  @Test
  void stopWithANullDurationDoesNotWait() {
    logTenSlowly(1000, b -> b.setShutdownTimeout("60 seconds"));
    long start = System.nanoTime();
    harness.appender.stop((Duration) null);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
    assertEquals(0, harness.appender.getStats().pending());
    assertFalse(harness.appender.isStarted());
  }

  @Test
  void flushWaitsForWhatIsQueuedWithoutStopping() {
    logTenSlowly(20, b -> {});
    FlushReport report = harness.appender.flush(Duration.ofSeconds(20));

    assertTrue(report.isComplete(), report.toString());
    assertEquals(10, report.delivered(), report.toString());
    assertTrue(harness.appender.isStarted());
    harness.logger.info(EVENT, "after_flush");
    harness.awaitResults(11);
  }

  @Test
  void aStoppedAppenderTakesNoEventsAndStoppingTwiceIsHarmless() {
    logTenSlowly(0, b -> {});
    harness.appender.stop();
    harness.appender.stop();
    harness.appender.append(
        org.apache.logging.log4j.core.impl.Log4jLogEvent.newBuilder()
            .setMarker(EVENT)
            .setMessage(new org.apache.logging.log4j.message.SimpleMessage("late"))
            .build());

    assertEquals(10, harness.appender.getStats().accepted());
  }
}
