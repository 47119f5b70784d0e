package io.eventbunker.core.internal;

import io.eventbunker.core.EventBunkerDefaults;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Collects the appender's settings as its setters get them, then checks them all at once: {@link
 * #build} names the first one that is wrong, what is wrong with it and how to fix it.
 */
public final class AppenderSettingsBuilder {
  final String appenderName;
  final SettingSyntax syntax;
  @Nullable HttpClient userClient;
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

  public AppenderSettingsBuilder(String appenderName, SettingSyntax syntax) {
    this.appenderName = appenderName;
    this.syntax = syntax;
  }

  /** The client given to the appender's {@code setHttpClient}, checked by {@link #build}. */
  public AppenderSettingsBuilder httpClient(@Nullable HttpClient value) {
    userClient = value;
    return this;
  }

  public AppenderSettingsBuilder writeKey(@Nullable String value) {
    writeKey = value;
    return this;
  }

  public AppenderSettingsBuilder endpoint(String value) {
    endpoint = value;
    return this;
  }

  public AppenderSettingsBuilder proxy(@Nullable String value) {
    proxy = value;
    return this;
  }

  public AppenderSettingsBuilder queueCapacity(int value) {
    queueCapacity = value;
    return this;
  }

  public AppenderSettingsBuilder queueMaxBytes(long value) {
    queueMaxBytes = value;
    return this;
  }

  public AppenderSettingsBuilder maxEventBytes(long value) {
    maxEventBytes = value;
    return this;
  }

  public AppenderSettingsBuilder appendTimeoutMillis(long value) {
    appendTimeoutMillis = value;
    return this;
  }

  public AppenderSettingsBuilder maxInFlight(int value) {
    maxInFlight = value;
    return this;
  }

  public AppenderSettingsBuilder connectTimeoutMillis(long value) {
    connectTimeoutMillis = value;
    return this;
  }

  public AppenderSettingsBuilder requestTimeoutMillis(long value) {
    requestTimeoutMillis = value;
    return this;
  }

  public AppenderSettingsBuilder retryMaxAttempts(int value) {
    retryMaxAttempts = value;
    return this;
  }

  public AppenderSettingsBuilder retryInitialBackoffMillis(long value) {
    retryInitialBackoffMillis = value;
    return this;
  }

  public AppenderSettingsBuilder retryMaxBackoffMillis(long value) {
    retryMaxBackoffMillis = value;
    return this;
  }

  public AppenderSettingsBuilder retryTimeoutMillis(long value) {
    retryTimeoutMillis = value;
    return this;
  }

  public AppenderSettingsBuilder shutdownTimeoutMillis(long value) {
    shutdownTimeoutMillis = value;
    return this;
  }

  public AppenderSettingsBuilder customerIdentifierMdcKey(String value) {
    customerIdentifierMdcKey = value;
    return this;
  }

  public AppenderSettingsBuilder mdcKeys(String value) {
    mdcKeys = value;
    return this;
  }

  public AppenderSettingsBuilder spoolDirectory(@Nullable String value) {
    spoolDirectory = value;
    return this;
  }

  public AppenderSettingsBuilder maxSpoolBytes(long value) {
    maxSpoolBytes = value;
    return this;
  }

  public AppenderSettingsBuilder spoolMaxAgeMillis(long value) {
    spoolMaxAgeMillis = value;
    return this;
  }

  public AppenderSettingsBuilder consoleWarnings(boolean value) {
    consoleWarnings = value;
    return this;
  }

  /**
   * The settings, checked.
   *
   * @throws InvalidSettingException naming the first setting that is wrong and how to fix it
   */
  public AppenderSettings build() {
    String key = writeKey;
    if (key == null || !AppenderSettings.isPresent(key)) {
      throw new InvalidSettingException(
          prefix()
              + "has no write key and was not started. Set "
              + syntax.name("writeKey")
              + " in "
              + syntax.file()
              + " (for example "
              + syntax.writeKeyExample()
              + "), or the property eventbunker.write-key with the Spring Boot starter. Create"
              + " write keys in the EventBunker web UI.",
          true);
    }
    HttpClient client = userClient;
    if (client != null && client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new InvalidSettingException(
          prefix()
              + "was not started: the HttpClient given to setHttpClient follows redirects ("
              + client.followRedirects()
              + "), which would send the write key to whatever host a redirect names. Build it"
              + " with followRedirects(HttpClient.Redirect.NEVER).",
          false);
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

  /**
   * The error for {@code setting}, worded as every setting error is; for {@link SettingText} too.
   */
  InvalidSettingException invalid(String setting, Object value, String rule) {
    return new InvalidSettingException(
        prefix()
            + "was not started: "
            + syntax.name(setting)
            + " is "
            + value
            + " but "
            + rule
            + ". Fix "
            + syntax.name(setting)
            + " in "
            + syntax.file()
            + ", or the matching eventbunker.* property.",
        false);
  }

  private String prefix() {
    return "EventBunker appender '" + appenderName + "' ";
  }
}
