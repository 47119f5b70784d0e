package io.eventbunker.logback;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Collects the appender's settings as its setters get them, then checks them all at once: {@link
 * #build} names the first one that is wrong, what is wrong with it and how to fix it.
 */
final class AppenderSettingsBuilder {
  final String appenderName;
  @Nullable String writeKey;
  @Nullable String endpoint;
  @Nullable String proxy;
  int queueCapacity;
  long queueMaxBytes;
  long maxEventBytes;
  long appendTimeoutMillis;
  int maxInFlight;
  long connectTimeoutMillis;
  long requestTimeoutMillis;
  int retryMaxAttempts;
  long retryInitialBackoffMillis;
  long retryMaxBackoffMillis;
  long retryTimeoutMillis;
  long shutdownTimeoutMillis;
  @Nullable String customerIdentifierMdcKey;
  @Nullable String mdcKeys;
  @Nullable String spoolDirectory;
  long maxSpoolBytes;
  long spoolMaxAgeMillis;
  boolean consoleWarnings = EventBunkerDefaults.CONSOLE_WARNINGS;

  AppenderSettingsBuilder(String appenderName) {
    this.appenderName = appenderName;
  }

  /**
   * The settings of {@code appender} as set, checked.
   *
   * @param writeKey the appender's, which it shows to nothing else
   * @param userClient the client given to {@code setHttpClient}, or null
   * @throws InvalidSettingException naming the first setting that is wrong
   */
  static AppenderSettings from(
      EventBunkerAppender appender, @Nullable String writeKey, @Nullable HttpClient userClient) {
    AppenderSettings settings =
        new AppenderSettingsBuilder(appender.getName())
            .writeKey(writeKey)
            .endpoint(appender.getEndpoint())
            .proxy(appender.getProxy())
            .queueCapacity(appender.getQueueCapacity())
            .queueMaxBytes(appender.getQueueMaxBytes().getSize())
            .maxEventBytes(appender.getMaxEventBytes().getSize())
            .appendTimeoutMillis(appender.getAppendTimeout().getMilliseconds())
            .maxInFlight(appender.getMaxInFlight())
            .connectTimeoutMillis(appender.getConnectTimeout().getMilliseconds())
            .requestTimeoutMillis(appender.getRequestTimeout().getMilliseconds())
            .retryMaxAttempts(appender.getRetryMaxAttempts())
            .retryInitialBackoffMillis(appender.getRetryInitialBackoff().getMilliseconds())
            .retryMaxBackoffMillis(appender.getRetryMaxBackoff().getMilliseconds())
            .retryTimeoutMillis(appender.getRetryTimeout().getMilliseconds())
            .shutdownTimeoutMillis(appender.getShutdownTimeout().getMilliseconds())
            .customerIdentifierMdcKey(appender.getCustomerIdentifierMdcKey())
            .mdcKeys(appender.getMdcKeys())
            .spoolDirectory(appender.getSpoolDirectory())
            .maxSpoolBytes(appender.getMaxSpoolBytes().getSize())
            .spoolMaxAgeMillis(appender.getSpoolMaxAge().getMilliseconds())
            .consoleWarnings(appender.isConsoleWarnings())
            .build();
    if (userClient != null && userClient.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new InvalidSettingException(
          "EventBunker appender '"
              + appender.getName()
              + "' was not started: the HttpClient given to setHttpClient follows redirects ("
              + userClient.followRedirects()
              + "), which would send the write key to whatever host a redirect names. Build it"
              + " with followRedirects(HttpClient.Redirect.NEVER).",
          false);
    }
    return settings;
  }

  AppenderSettingsBuilder writeKey(@Nullable String value) {
    writeKey = value;
    return this;
  }

  AppenderSettingsBuilder endpoint(String value) {
    endpoint = value;
    return this;
  }

  AppenderSettingsBuilder proxy(@Nullable String value) {
    proxy = value;
    return this;
  }

  AppenderSettingsBuilder queueCapacity(int value) {
    queueCapacity = value;
    return this;
  }

  AppenderSettingsBuilder queueMaxBytes(long value) {
    queueMaxBytes = value;
    return this;
  }

  AppenderSettingsBuilder maxEventBytes(long value) {
    maxEventBytes = value;
    return this;
  }

  AppenderSettingsBuilder appendTimeoutMillis(long value) {
    appendTimeoutMillis = value;
    return this;
  }

  AppenderSettingsBuilder maxInFlight(int value) {
    maxInFlight = value;
    return this;
  }

  AppenderSettingsBuilder connectTimeoutMillis(long value) {
    connectTimeoutMillis = value;
    return this;
  }

  AppenderSettingsBuilder requestTimeoutMillis(long value) {
    requestTimeoutMillis = value;
    return this;
  }

  AppenderSettingsBuilder retryMaxAttempts(int value) {
    retryMaxAttempts = value;
    return this;
  }

  AppenderSettingsBuilder retryInitialBackoffMillis(long value) {
    retryInitialBackoffMillis = value;
    return this;
  }

  AppenderSettingsBuilder retryMaxBackoffMillis(long value) {
    retryMaxBackoffMillis = value;
    return this;
  }

  AppenderSettingsBuilder retryTimeoutMillis(long value) {
    retryTimeoutMillis = value;
    return this;
  }

  AppenderSettingsBuilder shutdownTimeoutMillis(long value) {
    shutdownTimeoutMillis = value;
    return this;
  }

  AppenderSettingsBuilder customerIdentifierMdcKey(String value) {
    customerIdentifierMdcKey = value;
    return this;
  }

  AppenderSettingsBuilder mdcKeys(String value) {
    mdcKeys = value;
    return this;
  }

  AppenderSettingsBuilder spoolDirectory(@Nullable String value) {
    spoolDirectory = value;
    return this;
  }

  AppenderSettingsBuilder maxSpoolBytes(long value) {
    maxSpoolBytes = value;
    return this;
  }

  AppenderSettingsBuilder spoolMaxAgeMillis(long value) {
    spoolMaxAgeMillis = value;
    return this;
  }

  AppenderSettingsBuilder consoleWarnings(boolean value) {
    consoleWarnings = value;
    return this;
  }

  AppenderSettings build() {
    String key = writeKey;
    if (key == null || !AppenderSettings.isPresent(key)) {
      throw new InvalidSettingException(
          prefix()
              + "has no write key and was not started. Set <writeKey> in logback.xml (for"
              + " example <writeKey>${EVENTBUNKER_WRITE_KEY}</writeKey>), or the property"
              + " eventbunker.write-key with the Spring Boot starter. Create write keys in the"
              + " EventBunker web UI.",
          true);
    }
    SettingValues values = new SettingValues(this::invalid);
    String checkedKey = values.writeKey(key);
    URI uri = values.endpoint(endpoint);
    InetSocketAddress proxyAddress = values.proxy(proxy);
    atLeast("queueCapacity", queueCapacity, 1, EventBunkerDefaults.QUEUE_CAPACITY);
    atLeast("maxInFlight", maxInFlight, 1, EventBunkerDefaults.MAX_IN_FLIGHT);
    atLeast("retryMaxAttempts", retryMaxAttempts, 1, EventBunkerDefaults.RETRY_MAX_ATTEMPTS);
    atLeast("maxEventBytes", maxEventBytes, 64, EventBunkerDefaults.MAX_EVENT_BYTES);
    atLeast("queueMaxBytes", queueMaxBytes, maxEventBytes, EventBunkerDefaults.QUEUE_MAX_BYTES);
    if (queueMaxBytes > Integer.MAX_VALUE) {
      throw invalid("queueMaxBytes", queueMaxBytes, "must be below 2 GB");
    }
    atLeast("appendTimeout", appendTimeoutMillis, 0, EventBunkerDefaults.APPEND_TIMEOUT_MS);
    atLeast("connectTimeout", connectTimeoutMillis, 1, EventBunkerDefaults.CONNECT_TIMEOUT_MS);
    atLeast("requestTimeout", requestTimeoutMillis, 1, EventBunkerDefaults.REQUEST_TIMEOUT_MS);
    atLeast(
        "retryInitialBackoff",
        retryInitialBackoffMillis,
        1,
        EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS);
    atLeast(
        "retryMaxBackoff",
        retryMaxBackoffMillis,
        retryInitialBackoffMillis,
        EventBunkerDefaults.RETRY_MAX_BACKOFF_MS);
    atLeast("retryTimeout", retryTimeoutMillis, 0, EventBunkerDefaults.RETRY_TIMEOUT_MS);
    atLeast("shutdownTimeout", shutdownTimeoutMillis, 0, EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
    String customerMdcKey = customerIdentifierMdcKey;
    if (customerMdcKey == null || customerMdcKey.trim().isEmpty()) {
      throw invalid(
          "customerIdentifierMdcKey",
          "(empty)",
          "must name an MDC entry (default "
              + EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY
              + ")");
    }
    atLeast("maxSpoolBytes", maxSpoolBytes, maxEventBytes, EventBunkerDefaults.MAX_SPOOL_BYTES);
    atLeast("spoolMaxAge", spoolMaxAgeMillis, 0, EventBunkerDefaults.SPOOL_MAX_AGE_MS);
    return new AppenderSettings(
        this,
        checkedKey,
        uri,
        proxyAddress,
        customerMdcKey,
        SettingValues.mdcKeys(mdcKeys),
        values.spoolDirectory(spoolDirectory));
  }

  private void atLeast(String setting, long value, long minimum, long defaultValue) {
    if (value < minimum) {
      throw invalid(
          setting, value, "must be at least " + minimum + " (default " + defaultValue + ")");
    }
  }

  private InvalidSettingException invalid(String setting, Object value, String rule) {
    return new InvalidSettingException(
        prefix()
            + "was not started: <"
            + setting
            + "> is "
            + value
            + " but "
            + rule
            + ". Fix <"
            + setting
            + "> in logback.xml, or the matching eventbunker.* property.",
        false);
  }

  private String prefix() {
    return "EventBunker appender '" + appenderName + "' ";
  }
}
