package io.eventbunker.log4j2;

import static io.eventbunker.log4j2.EventBunker.EVENT;
import static io.eventbunker.log4j2.EventBunker.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventbunker.testkit.EventBunkerReceiver;
import io.eventbunker.testkit.EventBunkerReceiverExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appender as users configure it: {@code <EventBunker>} in a log4j2.xml, found without a {@code
 * packages} attribute through the Log4j2Plugins.dat our build generates.
 */
class XmlConfigurationTest {
  private static final String PLUGINS_DAT =
      "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

  @RegisterExtension
  static final EventBunkerReceiverExtension eventBunker =
      new EventBunkerReceiverExtension(
          EventBunkerReceiver.builder().writeKey(Log4j2Harness.WRITE_KEY));

  @TempDir Path dir;
  private LoggerContext context;
  private StatusRecorder status;

  @AfterEach
  void stopContext() {
    if (context != null) {
      context.stop();
    }
    if (status != null) {
      status.unregister();
      for (String message : status.messages()) {
        assertFalse(message.contains(Log4j2Harness.WRITE_KEY), "write key in: " + message);
      }
    }
  }

  /** A context of its own configured by a log4j2.xml with {@code attributes} on the appender. */
  private Logger configure(String configurationStatus, String attributes) throws IOException {
    Path file = dir.resolve("log4j2.xml");
    Files.writeString(
        file,
        "<Configuration status=\""
            + configurationStatus
            + "\">\n"
            + "  <Appenders>\n"
            + "    <EventBunker name=\"EVENTBUNKER\" "
            + attributes
            + "/>\n"
            + "  </Appenders>\n"
            + "  <Loggers>\n"
            + "    <Root level=\"info\"><AppenderRef ref=\"EVENTBUNKER\"/></Root>\n"
            + "  </Loggers>\n"
            + "</Configuration>\n");
    status = StatusRecorder.register();
    context = new LoggerContext("xml-" + UUID.randomUUID(), null, file.toUri());
    context.start();
    return context.getLogger("shop");
  }

  private String keyAndEndpoint() {
    return "writeKey=\""
        + Log4j2Harness.WRITE_KEY
        + "\" endpoint=\""
        + eventBunker.receiver().endpoint()
        + "\"";
  }

  private EventBunkerAppender appender() {
    EventBunkerAppender appender = context.getConfiguration().getAppender("EVENTBUNKER");
    assertNotNull(appender, "the plugin was not found: " + status.messages());
    return appender;
  }

  @Test
  void thePluginIsFoundWithOnlyANameAndAWriteKey() throws Exception {
    Logger log = configure("warn", keyAndEndpoint());
    log.info(EVENT, "order_placed", field("amount", 42.5));

    assertEquals(
        42.5,
        eventBunker
            .receiver()
            .awaitEvent("order_placed", Duration.ofSeconds(10))
            .fields()
            .get("amount"));
    assertTrue(appender().isStarted());
    assertEquals(List.of(), status.eventBunker(Level.ERROR));
  }

  @Test
  void ourJarDeclaresThePluginInLog4j2PluginsDat() throws Exception {
    boolean found = false;
    for (URL url : Collections.list(getClass().getClassLoader().getResources(PLUGINS_DAT))) {
      try (InputStream in = url.openStream()) {
        String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        found |= content.contains(EventBunkerAppender.class.getName());
      }
    }
    assertTrue(found, "no " + PLUGINS_DAT + " names " + EventBunkerAppender.class.getName());
  }

  @Test
  void sizesAndDurationsAreWrittenAsInLogbackXml() throws Exception {
    configure(
        "warn",
        keyAndEndpoint()
            + " queueCapacity=\"123\" queueMaxBytes=\"1MB\" maxEventBytes=\"64 KB\""
            + " shutdownTimeout=\"2 seconds\" retryInitialBackoff=\"100 milliseconds\""
            + " consoleWarnings=\"false\" mdcKeys=\"region\"");

    assertTrue(appender().isStarted(), status.messages().toString());
    assertEquals(123, appender().getStats().queueCapacity());
  }

  @Test
  void anInvalidAttributeIsAnErrorAndTheAppenderStaysStopped() throws Exception {
    Logger log = configure("warn", keyAndEndpoint() + " maxEventBytes=\"64 kilobytes\"");
    log.info(EVENT, "never_sent");
    log.info("not an event either");

    assertFalse(appender().isStarted());
    List<String> errors = status.eventBunker(Level.ERROR);
    assertEquals(1, errors.size(), status.messages().toString());
    assertTrue(
        errors
            .get(0)
            .contains("the attribute maxEventBytes of <EventBunker> is 64 kilobytes but must be"),
        errors.get(0));
    assertEquals(0, appender().getStats().accepted());
  }

  @Test
  void anUndefinedEnvironmentVariableIsAMissingWriteKey() throws Exception {
    configure(
        "warn",
        "writeKey=\"${env:EVENTBUNKER_UNDEFINED_IN_TESTS}\" endpoint=\""
            + eventBunker.receiver().endpoint()
            + "\"");

    assertFalse(appender().isStarted());
    assertFalse(appender().hasWriteKey());
    List<String> errors = status.eventBunker(Level.ERROR);
    assertEquals(1, errors.size(), status.messages().toString());
    assertTrue(errors.get(0).contains("has no write key and was not started"), errors.get(0));
  }

  @Test
  void stoppingTheContextDeliversWhatIsQueued() throws Exception {
    eventBunker.receiver().setLatency(Duration.ofMillis(50));
    Logger log = configure("warn", keyAndEndpoint() + " maxInFlight=\"2\"");
    for (int i = 0; i < 30; i++) {
      log.info(EVENT, "burst", field("i", i));
    }
    EventBunkerAppender appender = appender();
    context.stop(); // Log4j2 calls stop(0, MILLISECONDS): our shutdownTimeout applies
    context = null;

    assertEquals(30, eventBunker.receiver().events().size(), "delivered before stop returned");
    assertEquals(30, appender.getStats().delivered());
    assertTrue(appender.isStopped());
  }

  @Test
  void theWriteKeyIsMaskedInLog4j2sOwnTrace() throws Exception {
    configure("trace", keyAndEndpoint());

    assertTrue(appender().isStarted());
    assertTrue(
        status.messages().stream().anyMatch(m -> m.contains("EventBunker")),
        "Log4j2 traced the plugin's building: " + status.messages());
    // stopContext() checks that no message holds the key.
  }
}
