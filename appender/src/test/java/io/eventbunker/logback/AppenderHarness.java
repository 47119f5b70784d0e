package io.eventbunker.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventResult;
import io.eventbunker.core.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A real appender on a logger of its own in the SLF4J logger context (so that MDC works as in an
 * application), recording every result its listener is told about.
 */
final class AppenderHarness implements AutoCloseable {
  static final String WRITE_KEY = "wk_test_5ecret_9f8e7d6c";

  final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  final EventBunkerAppender appender = new EventBunkerAppender();
  final Logger logger = context.getLogger("eventbunker.test." + UUID.randomUUID());
  final List<EventResult> results = new CopyOnWriteArrayList<>();
  private final List<Status> statuses = new CopyOnWriteArrayList<>();
  private final StatusListener statusRecorder = statuses::add;

  AppenderHarness(String endpoint) {
    this(endpoint, appender -> {});
  }

  AppenderHarness(String endpoint, Consumer<EventBunkerAppender> settings) {
    context.getStatusManager().add(statusRecorder);
    appender.setContext(context);
    appender.setName("eventbunker");
    appender.setWriteKey(WRITE_KEY);
    appender.setEndpoint(endpoint);
    appender.addListener(
        new EventBunkerListener() {
          @Override
          public void onResult(EventResult result) {
            results.add(result);
          }
        });
    settings.accept(appender);
    appender.start();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
  }

  /** Waits until {@code count} events have an outcome. */
  List<EventResult> awaitResults(int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= count);
    return results;
  }

  List<EventResult> results(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).collect(Collectors.toList());
  }

  /** Status messages added since this harness was created, with their levels. */
  List<String> statusMessages() {
    return statuses.stream()
        .map(s -> LEVELS[s.getLevel()] + " " + s.getMessage() + " " + s.getThrowable())
        .collect(Collectors.toList());
  }

  private static final String[] LEVELS = {"INFO", "WARN", "ERROR"};

  /**
   * Stops the appender, then checks what every test using a harness produced: the write key must
   * not appear in any status message or result.
   */
  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    context.getStatusManager().remove(statusRecorder);
    for (String text : statusMessages()) {
      assertFalse(text.contains(WRITE_KEY), "write key leaked in a status: " + text);
    }
    for (EventResult result : results) {
      assertFalse(result.toString().contains(WRITE_KEY), "write key leaked in: " + result);
    }
  }
}
