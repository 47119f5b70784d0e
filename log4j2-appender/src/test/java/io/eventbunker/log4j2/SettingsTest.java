package io.eventbunker.log4j2;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Settings set through the builder: read as log4j2.xml writes them, checked at start. */
class SettingsTest {
  private static final String PREFIX = "EventBunker appender 'eventbunker' ";

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(Log4j2Harness.WRITE_KEY));

  @TempDir Path dir;

  /** Starts an appender with {@code settings}; returns the StatusLogger errors it reported. */
  private static List<String> errorsStarting(
      Consumer<EventBunkerAppender.Builder> settings, boolean expectStarted) {
    StatusRecorder status = StatusRecorder.register();
    try {
      EventBunkerAppender.Builder builder =
          EventBunkerAppender.newBuilder().setName("eventbunker").setWriteKey("wk_1");
      settings.accept(builder);
      EventBunkerAppender appender = builder.build();
      appender.start();
      try {
        assertEquals(expectStarted, appender.isStarted(), status.messages().toString());
        for (StatusData data : status.all()) {
          assertNull(data.getThrowable(), "a clear message, never a stack trace");
        }
        return status.eventBunker(Level.ERROR);
      } finally {
        appender.stop();
      }
    } finally {
      status.unregister();
    }
  }

  private static String onlyError(Consumer<EventBunkerAppender.Builder> settings) {
    List<String> errors = errorsStarting(settings, false);
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0);
  }

  @Test
  void anInvalidValueIsAnErrorNamingTheAttributeAndTheAppenderStaysStopped() {
    assertEquals(
        PREFIX
            + "was not started: the attribute queueCapacity of <EventBunker> is 0 but must be at"
            + " least 1 (default 10000). Fix the attribute queueCapacity of <EventBunker> in"
            + " log4j2.xml, or the matching eventbunker.* property.",
        onlyError(b -> b.setQueueCapacity(0)));
  }

  @Test
  void anUnreadableSizeOrDurationNamesTheFormsItTakes() {
    String size = onlyError(b -> b.setQueueMaxBytes("16 megs"));
    assertTrue(
        size.contains(
            "the attribute queueMaxBytes of <EventBunker> is 16 megs but must be a size such as"
                + " 16MB"),
        size);
    String duration = onlyError(b -> b.setShutdownTimeout("10 secs"));
    assertTrue(
        duration.contains(
            "the attribute shutdownTimeout of <EventBunker> is 10 secs but must be a duration"),
        duration);
  }

  @Test
  void aMissingWriteKeyIsAnErrorWithTheFix() {
    String error = onlyError(b -> b.setWriteKey(null));
    assertTrue(
        error.startsWith(
            PREFIX
                + "has no write key and was not started. Set the attribute writeKey of"
                + " <EventBunker> in log4j2.xml (for example"
                + " writeKey=\"${env:EVENTBUNKER_WRITE_KEY}\")"),
        error);
  }

  @Test
  void anUnresolvedVariableIsNoWriteKey() {
    EventBunkerAppender appender =
        EventBunkerAppender.newBuilder()
            .setName("eventbunker")
            .setWriteKey("${env:EVENTBUNKER_UNDEFINED_IN_TESTS}")
            .build();
    assertFalse(appender.hasWriteKey());
    assertTrue(onlyError(b -> b.setWriteKey("${env:X}")).contains("has no write key"));
  }

  @Test
  void aClientThatFollowsRedirectsIsRefused() {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    assertTrue(onlyError(b -> b.setHttpClient(client)).contains("follows redirects"));
  }

  @Test
  void unsetAttributesTakeTheDefaults() {
    EventBunkerAppender appender =
        EventBunkerAppender.newBuilder().setName("eventbunker").setWriteKey("wk_1").build();
    EventBunkerStats stats = appender.getStats();
    assertEquals(EventBunkerDefaults.QUEUE_CAPACITY, stats.queueCapacity());
    assertTrue(appender.hasWriteKey());
  }

  @Test
  void everySettingIsTakenAndUsed(EventBunkerReceiver receiver) throws Exception {
    List<String> errors =
        errorsStarting(
            b ->
                b.setEndpoint(receiver.endpoint().toString())
                    .setProxy(null)
                    .setQueueCapacity(77)
                    .setQueueMaxBytes("1MB")
                    .setMaxEventBytes("8 KB")
                    .setAppendTimeout("0")
                    .setMaxInFlight(4)
                    .setConnectTimeout("2 seconds")
                    .setRequestTimeout("3000")
                    .setRetryMaxAttempts(2)
                    .setRetryInitialBackoff("10 milliseconds")
                    .setRetryMaxBackoff("1 second")
                    .setRetryTimeout("1 minute")
                    .setShutdownTimeout("5 seconds")
                    .setCustomerIdentifierMdcKey("user")
                    .setMdcKeys("region")
                    .setSpoolDirectory(dir.resolve("spool").toString())
                    .setMaxSpoolBytes("2MB")
                    .setSpoolMaxAge("1 day")
                    .setConsoleWarnings(false),
            true);
    assertEquals(List.of(), errors);
  }

  @Test
  void settingsAreUsed(EventBunkerReceiver receiver) throws Exception {
    try (Log4j2Harness harness =
        new Log4j2Harness(
            receiver.endpoint().toString(),
            b ->
                b.setQueueCapacity(77).setSpoolDirectory(dir.toString()).setMaxEventBytes("1KB"))) {
      EventBunkerStats stats = harness.appender.getStats();
      assertEquals(77, stats.queueCapacity());
      assertTrue(stats.spoolEnabled());
      harness.logger.info(EVENT, "large", EventBunker.field("text", "x".repeat(2000)));
      assertTrue(
          harness.awaitResults(1).get(0).reason().contains("larger than maxEventBytes (1024"),
          harness.results.toString());
      harness.logger.info(EVENT, "small");
      receiver.awaitEvent("small", Duration.ofSeconds(10));
    }
  }
}
