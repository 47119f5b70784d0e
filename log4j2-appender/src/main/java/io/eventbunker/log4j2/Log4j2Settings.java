package io.eventbunker.log4j2;

import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.internal.AppenderSettings;
import io.eventbunker.core.internal.AppenderSettingsBuilder;
import io.eventbunker.core.internal.InvalidSettingException;
import io.eventbunker.core.internal.SettingSyntax;
import io.eventbunker.core.internal.SettingText;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of {@code <EventBunker>} as the core's checked settings, named as in log4j2.xml.
 */
final class Log4j2Settings implements SettingSyntax {
  private static final Log4j2Settings SYNTAX = new Log4j2Settings();

  private Log4j2Settings() {}

  /**
   * The settings the builder was given, read and checked.
   *
   * @throws InvalidSettingException naming the first attribute that is wrong
   */
  static AppenderSettings from(String appenderName, EventBunkerAppender.Builder b) {
    AppenderSettingsBuilder settings = new AppenderSettingsBuilder(appenderName, SYNTAX);
    SettingText text = new SettingText(settings);
    return settings
        .writeKey(b.writeKey)
        .httpClient(b.httpClient)
        .endpoint(orDefault(b.endpoint, EventBunkerDefaults.ENDPOINT))
        .proxy(b.proxy)
        .queueCapacity(
            text.integer("queueCapacity", b.queueCapacity, EventBunkerDefaults.QUEUE_CAPACITY))
        .queueMaxBytes(
            text.bytes("queueMaxBytes", b.queueMaxBytes, EventBunkerDefaults.QUEUE_MAX_BYTES))
        .maxEventBytes(
            text.bytes("maxEventBytes", b.maxEventBytes, EventBunkerDefaults.MAX_EVENT_BYTES))
        .appendTimeoutMillis(
            text.millis("appendTimeout", b.appendTimeout, EventBunkerDefaults.APPEND_TIMEOUT_MS))
        .maxInFlight(text.integer("maxInFlight", b.maxInFlight, EventBunkerDefaults.MAX_IN_FLIGHT))
        .connectTimeoutMillis(
            text.millis("connectTimeout", b.connectTimeout, EventBunkerDefaults.CONNECT_TIMEOUT_MS))
        .requestTimeoutMillis(
            text.millis("requestTimeout", b.requestTimeout, EventBunkerDefaults.REQUEST_TIMEOUT_MS))
        .retryMaxAttempts(
            text.integer(
                "retryMaxAttempts", b.retryMaxAttempts, EventBunkerDefaults.RETRY_MAX_ATTEMPTS))
        .retryInitialBackoffMillis(
            text.millis(
                "retryInitialBackoff",
                b.retryInitialBackoff,
                EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS))
        .retryMaxBackoffMillis(
            text.millis(
                "retryMaxBackoff", b.retryMaxBackoff, EventBunkerDefaults.RETRY_MAX_BACKOFF_MS))
        .retryTimeoutMillis(
            text.millis("retryTimeout", b.retryTimeout, EventBunkerDefaults.RETRY_TIMEOUT_MS))
        .shutdownTimeoutMillis(
            text.millis(
                "shutdownTimeout", b.shutdownTimeout, EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS))
        .customerIdentifierMdcKey(
            orDefault(b.customerIdentifierMdcKey, EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY))
        .mdcKeys(orDefault(b.mdcKeys, ""))
        .spoolDirectory(b.spoolDirectory)
        .maxSpoolBytes(
            text.bytes("maxSpoolBytes", b.maxSpoolBytes, EventBunkerDefaults.MAX_SPOOL_BYTES))
        .spoolMaxAgeMillis(
            text.millis("spoolMaxAge", b.spoolMaxAge, EventBunkerDefaults.SPOOL_MAX_AGE_MS))
        .consoleWarnings(
            text.bool("consoleWarnings", b.consoleWarnings, EventBunkerDefaults.CONSOLE_WARNINGS))
        .build();
  }

  /** The queue's capacity for the counters of an appender not started, however it is set. */
  static int queueCapacityOrDefault(EventBunkerAppender.Builder b) {
    try {
      return new SettingText(new AppenderSettingsBuilder("", SYNTAX))
          .integer("queueCapacity", b.queueCapacity, EventBunkerDefaults.QUEUE_CAPACITY);
    } catch (InvalidSettingException e) {
      return EventBunkerDefaults.QUEUE_CAPACITY; // start() reports it
    }
  }

  /** Unset only: a blank endpoint is an error the core names, not the default. */
  private static String orDefault(@Nullable String value, String defaultValue) {
    return value == null ? defaultValue : value;
  }

  @Override
  public String name(String setting) {
    return "the attribute " + setting + " of <EventBunker>";
  }

  @Override
  public String file() {
    return "log4j2.xml";
  }

  @Override
  public String writeKeyExample() {
    return "writeKey=\"${env:EVENTBUNKER_WRITE_KEY}\"";
  }
}
