package io.eventbunker.spring.boot;

import io.eventbunker.log4j2.EventBunkerAppender;
import io.eventbunker.spring.boot.PropertyMapping.Binding;
import java.util.List;

/**
 * The {@code eventbunker.*} settings on the Log4j2 appender's builder, whose sizes and durations
 * are text in the same syntax as the XML's: a number of bytes, or of milliseconds.
 */
final class Log4j2PropertyMapping {
  private static final List<Binding<EventBunkerAppender.Builder, ?>> BINDINGS =
      List.of(
          new Binding<>(PropertyMapping.ENDPOINT, EventBunkerAppender.Builder::setEndpoint),
          new Binding<>(PropertyMapping.PROXY, EventBunkerAppender.Builder::setProxy),
          new Binding<>(
              PropertyMapping.QUEUE_CAPACITY, EventBunkerAppender.Builder::setQueueCapacity),
          new Binding<>(PropertyMapping.QUEUE_MAX_BYTES, (b, v) -> b.setQueueMaxBytes(bytes(v))),
          new Binding<>(PropertyMapping.MAX_EVENT_BYTES, (b, v) -> b.setMaxEventBytes(bytes(v))),
          new Binding<>(PropertyMapping.APPEND_TIMEOUT, (b, v) -> b.setAppendTimeout(millis(v))),
          new Binding<>(PropertyMapping.MAX_IN_FLIGHT, EventBunkerAppender.Builder::setMaxInFlight),
          new Binding<>(PropertyMapping.CONNECT_TIMEOUT, (b, v) -> b.setConnectTimeout(millis(v))),
          new Binding<>(PropertyMapping.REQUEST_TIMEOUT, (b, v) -> b.setRequestTimeout(millis(v))),
          new Binding<>(
              PropertyMapping.RETRY_MAX_ATTEMPTS, EventBunkerAppender.Builder::setRetryMaxAttempts),
          new Binding<>(
              PropertyMapping.RETRY_INITIAL_BACKOFF, (b, v) -> b.setRetryInitialBackoff(millis(v))),
          new Binding<>(
              PropertyMapping.RETRY_MAX_BACKOFF, (b, v) -> b.setRetryMaxBackoff(millis(v))),
          new Binding<>(PropertyMapping.RETRY_TIMEOUT, (b, v) -> b.setRetryTimeout(millis(v))),
          new Binding<>(
              PropertyMapping.SHUTDOWN_TIMEOUT, (b, v) -> b.setShutdownTimeout(millis(v))),
          new Binding<>(
              PropertyMapping.CUSTOMER_IDENTIFIER_MDC_KEY,
              EventBunkerAppender.Builder::setCustomerIdentifierMdcKey),
          new Binding<>(PropertyMapping.MDC_KEYS, EventBunkerAppender.Builder::setMdcKeys),
          new Binding<>(
              PropertyMapping.SPOOL_DIRECTORY, EventBunkerAppender.Builder::setSpoolDirectory),
          new Binding<>(PropertyMapping.MAX_SPOOL_BYTES, (b, v) -> b.setMaxSpoolBytes(bytes(v))),
          new Binding<>(PropertyMapping.SPOOL_MAX_AGE, (b, v) -> b.setSpoolMaxAge(millis(v))),
          new Binding<>(
              PropertyMapping.CONSOLE_WARNINGS, EventBunkerAppender.Builder::setConsoleWarnings));

  private Log4j2PropertyMapping() {}

  /** Gives the builder of the appender the starter creates every setting, the write key too. */
  static void applyAll(EventBunkerProperties properties, EventBunkerAppender.Builder builder) {
    PropertyMapping.applyAll(
        properties, builder, EventBunkerAppender.Builder::setWriteKey, BINDINGS);
  }

  private static String bytes(long bytes) {
    return Long.toString(bytes);
  }

  private static String millis(long millis) {
    return millis + " milliseconds";
  }
}
