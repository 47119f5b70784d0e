package io.eventbunker.spring.boot;

import static io.eventbunker.spring.boot.PropertyMapping.APPEND_TIMEOUT;
import static io.eventbunker.spring.boot.PropertyMapping.CONNECT_TIMEOUT;
import static io.eventbunker.spring.boot.PropertyMapping.CONSOLE_WARNINGS;
import static io.eventbunker.spring.boot.PropertyMapping.CUSTOMER_IDENTIFIER_MDC_KEY;
import static io.eventbunker.spring.boot.PropertyMapping.ENDPOINT;
import static io.eventbunker.spring.boot.PropertyMapping.MAX_EVENT_BYTES;
import static io.eventbunker.spring.boot.PropertyMapping.MAX_IN_FLIGHT;
import static io.eventbunker.spring.boot.PropertyMapping.MAX_SPOOL_BYTES;
import static io.eventbunker.spring.boot.PropertyMapping.MDC_KEYS;
import static io.eventbunker.spring.boot.PropertyMapping.PROXY;
import static io.eventbunker.spring.boot.PropertyMapping.QUEUE_CAPACITY;
import static io.eventbunker.spring.boot.PropertyMapping.QUEUE_MAX_BYTES;
import static io.eventbunker.spring.boot.PropertyMapping.REQUEST_TIMEOUT;
import static io.eventbunker.spring.boot.PropertyMapping.RETRY_INITIAL_BACKOFF;
import static io.eventbunker.spring.boot.PropertyMapping.RETRY_MAX_ATTEMPTS;
import static io.eventbunker.spring.boot.PropertyMapping.RETRY_MAX_BACKOFF;
import static io.eventbunker.spring.boot.PropertyMapping.RETRY_TIMEOUT;
import static io.eventbunker.spring.boot.PropertyMapping.SHUTDOWN_TIMEOUT;
import static io.eventbunker.spring.boot.PropertyMapping.SPOOL_DIRECTORY;
import static io.eventbunker.spring.boot.PropertyMapping.SPOOL_MAX_AGE;

import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.eventbunker.logback.EventBunkerAppender;
import io.eventbunker.spring.boot.PropertyMapping.Binding;
import java.util.List;

/**
 * The {@code eventbunker.*} settings on the Logback appender's setters: every one for the appender
 * the starter creates; for one the logback configuration declares, only those it left at their
 * default (its own values win).
 */
final class LogbackPropertyMapping {
  private static final List<Binding<EventBunkerAppender, ?>> BINDINGS =
      List.of(
          new Binding<>(
              ENDPOINT, EventBunkerAppender::getEndpoint, EventBunkerAppender::setEndpoint),
          new Binding<>(PROXY, EventBunkerAppender::getProxy, EventBunkerAppender::setProxy),
          new Binding<>(
              QUEUE_CAPACITY,
              EventBunkerAppender::getQueueCapacity,
              EventBunkerAppender::setQueueCapacity),
          new Binding<>(
              QUEUE_MAX_BYTES,
              a -> a.getQueueMaxBytes().getSize(),
              (a, bytes) -> a.setQueueMaxBytes(new FileSize(bytes))),
          new Binding<>(
              MAX_EVENT_BYTES,
              a -> a.getMaxEventBytes().getSize(),
              (a, bytes) -> a.setMaxEventBytes(new FileSize(bytes))),
          new Binding<>(
              APPEND_TIMEOUT,
              a -> a.getAppendTimeout().getMilliseconds(),
              (a, ms) -> a.setAppendTimeout(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              MAX_IN_FLIGHT,
              EventBunkerAppender::getMaxInFlight,
              EventBunkerAppender::setMaxInFlight),
          new Binding<>(
              CONNECT_TIMEOUT,
              a -> a.getConnectTimeout().getMilliseconds(),
              (a, ms) -> a.setConnectTimeout(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              REQUEST_TIMEOUT,
              a -> a.getRequestTimeout().getMilliseconds(),
              (a, ms) -> a.setRequestTimeout(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              RETRY_MAX_ATTEMPTS,
              EventBunkerAppender::getRetryMaxAttempts,
              EventBunkerAppender::setRetryMaxAttempts),
          new Binding<>(
              RETRY_INITIAL_BACKOFF,
              a -> a.getRetryInitialBackoff().getMilliseconds(),
              (a, ms) -> a.setRetryInitialBackoff(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              RETRY_MAX_BACKOFF,
              a -> a.getRetryMaxBackoff().getMilliseconds(),
              (a, ms) -> a.setRetryMaxBackoff(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              RETRY_TIMEOUT,
              a -> a.getRetryTimeout().getMilliseconds(),
              (a, ms) -> a.setRetryTimeout(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              SHUTDOWN_TIMEOUT,
              a -> a.getShutdownTimeout().getMilliseconds(),
              (a, ms) -> a.setShutdownTimeout(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              CUSTOMER_IDENTIFIER_MDC_KEY,
              EventBunkerAppender::getCustomerIdentifierMdcKey,
              EventBunkerAppender::setCustomerIdentifierMdcKey),
          new Binding<>(MDC_KEYS, EventBunkerAppender::getMdcKeys, EventBunkerAppender::setMdcKeys),
          new Binding<>(
              SPOOL_DIRECTORY,
              EventBunkerAppender::getSpoolDirectory,
              EventBunkerAppender::setSpoolDirectory),
          new Binding<>(
              MAX_SPOOL_BYTES,
              a -> a.getMaxSpoolBytes().getSize(),
              (a, bytes) -> a.setMaxSpoolBytes(new FileSize(bytes))),
          new Binding<>(
              SPOOL_MAX_AGE,
              a -> a.getSpoolMaxAge().getMilliseconds(),
              (a, ms) -> a.setSpoolMaxAge(Duration.buildByMilliseconds(ms))),
          new Binding<>(
              CONSOLE_WARNINGS,
              EventBunkerAppender::isConsoleWarnings,
              EventBunkerAppender::setConsoleWarnings));

  private LogbackPropertyMapping() {}

  /** Gives an appender the starter created every setting, the write key included. */
  static void applyAll(EventBunkerProperties properties, EventBunkerAppender appender) {
    PropertyMapping.applyAll(properties, appender, EventBunkerAppender::setWriteKey, BINDINGS);
  }

  /**
   * Gives a declared appender the write key if it has none and the settings it left at their
   * default; returns whether anything changed.
   */
  static boolean fillIn(EventBunkerProperties properties, EventBunkerAppender appender) {
    boolean changed = false;
    if (!appender.hasWriteKey() && PropertyMapping.hasWriteKey(properties)) {
      appender.setWriteKey(properties.getWriteKey());
      changed = true;
    }
    return PropertyMapping.fillIn(properties, appender, BINDINGS) || changed;
  }
}
