package io.eventbunker.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * A real appender, built as code builds it, on a logger of its own in the default logger context
 * (so that ThreadContext and SLF4J through log4j-slf4j2-impl work as in an application), recording
 * every result its listener is told about and every StatusLogger message.
 */
final class Log4j2Harness implements AutoCloseable {
  static final String WRITE_KEY = "wk_test_5ecret_9f8e7d6c";

  final LoggerContext context = LoggerContext.getContext(false);
  final String loggerName = "eventbunker.test." + UUID.randomUUID();
  final EventBunkerAppender appender;
  final Logger logger;
  final org.slf4j.Logger slf4j;
  final List<EventResult> results = new CopyOnWriteArrayList<>();
  final StatusRecorder status = StatusRecorder.register();

  Log4j2Harness(String endpoint) {
    this(endpoint, builder -> {});
  }

  Log4j2Harness(String endpoint, Consumer<EventBunkerAppender.Builder> settings) {
    EventBunkerAppender.Builder builder =
        EventBunkerAppender.newBuilder()
            .setName("eventbunker")
            .setWriteKey(WRITE_KEY)
            .setEndpoint(endpoint);
    settings.accept(builder);
    appender = builder.build();
    appender.addListener(
        new EventBunkerListener() {
          @Override
          public void onResult(EventResult result) {
            results.add(result);
          }
        });
    appender.start();
    Configuration config = context.getConfiguration();
    LoggerConfig loggerConfig =
        LoggerConfig.newBuilder()
            .withLoggerName(loggerName)
            .withLevel(Level.INFO)
            .withAdditivity(false)
            .withConfig(config)
            .build();
    loggerConfig.addAppender(appender, null, null);
    config.addLogger(loggerName, loggerConfig);
    context.updateLoggers();
    logger = context.getLogger(loggerName);
    slf4j = org.slf4j.LoggerFactory.getLogger(loggerName);
  }

  /** Waits until {@code count} events have an outcome. */
  List<EventResult> awaitResults(int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= count);
    return results;
  }

  List<EventResult> results(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).collect(Collectors.toList());
  }

  /**
   * Detaches and stops the appender, then checks what every test using a harness produced: the
   * write key must not appear in any status message or result.
   */
  @Override
  public void close() {
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    appender.stop();
    status.unregister();
    for (String text : status.messages()) {
      assertFalse(text.contains(WRITE_KEY), "write key leaked in a status: " + text);
    }
    for (EventResult result : results) {
      assertFalse(result.toString().contains(WRITE_KEY), "write key leaked in: " + result);
    }
  }
}
