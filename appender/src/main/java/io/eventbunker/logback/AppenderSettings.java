package io.eventbunker.logback;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The appender's settings, validated once at start and immutable afterwards. */
final class AppenderSettings {
  private static final String UNDEFINED_VARIABLE_SUFFIX = "_IS_UNDEFINED";

  private final String appenderName;
  private final String writeKey;
  private final URI endpoint;
  private final int queueCapacity;
  private final int queueMaxBytes;
  private final int maxEventBytes;
  private final long appendTimeoutNanos;
  private final int maxInFlight;
  private final java.time.Duration connectTimeout;
  private final java.time.Duration requestTimeout;
  private final RetryPolicy retryPolicy;
  private final long shutdownTimeoutNanos;
  private final String customerIdentifierMdcKey;
  private final List<String> mdcKeys;
  private final @Nullable Path spoolDirectory;
  private final long maxSpoolBytes;
  private final long spoolMaxAgeMillis;
  private final boolean consoleWarnings;

  private AppenderSettings(
      Builder b,
      String writeKey,
      URI endpoint,
      String customerIdentifierMdcKey,
      List<String> mdcKeys,
      @Nullable Path spoolDirectory) {
    this.appenderName = b.appenderName;
    this.writeKey = writeKey.trim();
    this.endpoint = endpoint;
    this.queueCapacity = b.queueCapacity;
    this.queueMaxBytes = (int) b.queueMaxBytes;
    this.maxEventBytes = (int) b.maxEventBytes;
    this.appendTimeoutNanos = millisToNanos(b.appendTimeoutMillis);
    this.maxInFlight = b.maxInFlight;
    this.connectTimeout = java.time.Duration.ofMillis(b.connectTimeoutMillis);
    this.requestTimeout = java.time.Duration.ofMillis(b.requestTimeoutMillis);
    this.retryPolicy =
        new RetryPolicy(
            b.retryMaxAttempts,
            millisToNanos(b.retryInitialBackoffMillis),
            millisToNanos(b.retryMaxBackoffMillis),
            millisToNanos(b.retryTimeoutMillis));
    this.shutdownTimeoutNanos = millisToNanos(b.shutdownTimeoutMillis);
    this.customerIdentifierMdcKey = customerIdentifierMdcKey.trim();
    this.mdcKeys = mdcKeys;
    this.spoolDirectory = spoolDirectory;
    this.maxSpoolBytes = b.maxSpoolBytes;
    this.spoolMaxAgeMillis = b.spoolMaxAgeMillis;
    this.consoleWarnings = b.consoleWarnings;
  }

  static boolean isPresent(@Nullable String writeKey) {
    return writeKey != null && !writeKey.trim().isEmpty() && !isUndefinedVariable(writeKey);
  }

  /** What logback makes of {@code ${NAME}} when NAME is not defined. */
  static boolean isUndefinedVariable(@Nullable String value) {
    return value != null && value.endsWith(UNDEFINED_VARIABLE_SUFFIX);
  }

  private static long millisToNanos(long millis) {
    return java.time.Duration.ofMillis(millis).toNanos();
  }

  String appenderName() {
    return appenderName;
  }

  String writeKey() {
    return writeKey;
  }

  URI endpoint() {
    return endpoint;
  }

  int queueCapacity() {
    return queueCapacity;
  }

  int queueMaxBytes() {
    return queueMaxBytes;
  }

  int maxEventBytes() {
    return maxEventBytes;
  }

  long appendTimeoutNanos() {
    return appendTimeoutNanos;
  }

  int maxInFlight() {
    return maxInFlight;
  }

  java.time.Duration connectTimeout() {
    return connectTimeout;
  }

  java.time.Duration requestTimeout() {
    return requestTimeout;
  }

  RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  long shutdownTimeoutNanos() {
    return shutdownTimeoutNanos;
  }

  String customerIdentifierMdcKey() {
    return customerIdentifierMdcKey;
  }

  List<String> mdcKeys() {
    return mdcKeys;
  }

  /** The spool's directory, or null when there is no spool. */
  @Nullable Path spoolDirectory() {
    return spoolDirectory;
  }

  long maxSpoolBytes() {
    return maxSpoolBytes;
  }

  /** 0 when spooled events do not age out. */
  long spoolMaxAgeMillis() {
    return spoolMaxAgeMillis;
  }

  boolean consoleWarnings() {
    return consoleWarnings;
  }

  /** Plain http to anything but this machine: the write key would cross the network in clear. */
  boolean sendsKeyInClear() {
    return "http".equalsIgnoreCase(endpoint.getScheme()) && !isLoopback(endpoint.getHost());
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if ("localhost".equalsIgnoreCase(bare)) {
      return true;
    }
    if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
      return false; // a name: resolving it here would be network I/O in start()
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Never shows the write key. */
  @Override
  public String toString() {
    return "AppenderSettings{" + appenderName + ", endpoint=" + endpoint + ", writeKey=***}";
  }

  static final class Builder {
    private final String appenderName;
    private @Nullable String writeKey;
    private @Nullable String endpoint;
    private int queueCapacity;
    private long queueMaxBytes;
    private long maxEventBytes;
    private long appendTimeoutMillis;
    private int maxInFlight;
    private long connectTimeoutMillis;
    private long requestTimeoutMillis;
    private int retryMaxAttempts;
    private long retryInitialBackoffMillis;
    private long retryMaxBackoffMillis;
    private long retryTimeoutMillis;
    private long shutdownTimeoutMillis;
    private @Nullable String customerIdentifierMdcKey;
    private @Nullable String mdcKeys;
    private @Nullable String spoolDirectory;
    private long maxSpoolBytes;
    private long spoolMaxAgeMillis;
    private boolean consoleWarnings = EventBunkerDefaults.CONSOLE_WARNINGS;

    Builder(String appenderName) {
      this.appenderName = appenderName;
    }

    Builder writeKey(@Nullable String value) {
      writeKey = value;
      return this;
    }

    Builder endpoint(String value) {
      endpoint = value;
      return this;
    }

    Builder queueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    Builder queueMaxBytes(long value) {
      queueMaxBytes = value;
      return this;
    }

    Builder maxEventBytes(long value) {
      maxEventBytes = value;
      return this;
    }

    Builder appendTimeoutMillis(long value) {
      appendTimeoutMillis = value;
      return this;
    }

    Builder maxInFlight(int value) {
      maxInFlight = value;
      return this;
    }

    Builder connectTimeoutMillis(long value) {
      connectTimeoutMillis = value;
      return this;
    }

    Builder requestTimeoutMillis(long value) {
      requestTimeoutMillis = value;
      return this;
    }

    Builder retryMaxAttempts(int value) {
      retryMaxAttempts = value;
      return this;
    }

    Builder retryInitialBackoffMillis(long value) {
      retryInitialBackoffMillis = value;
      return this;
    }

    Builder retryMaxBackoffMillis(long value) {
      retryMaxBackoffMillis = value;
      return this;
    }

    Builder retryTimeoutMillis(long value) {
      retryTimeoutMillis = value;
      return this;
    }

    Builder shutdownTimeoutMillis(long value) {
      shutdownTimeoutMillis = value;
      return this;
    }

    Builder customerIdentifierMdcKey(String value) {
      customerIdentifierMdcKey = value;
      return this;
    }

    Builder mdcKeys(String value) {
      mdcKeys = value;
      return this;
    }

    Builder spoolDirectory(@Nullable String value) {
      spoolDirectory = value;
      return this;
    }

    Builder maxSpoolBytes(long value) {
      maxSpoolBytes = value;
      return this;
    }

    Builder spoolMaxAgeMillis(long value) {
      spoolMaxAgeMillis = value;
      return this;
    }

    Builder consoleWarnings(boolean value) {
      consoleWarnings = value;
      return this;
    }

    AppenderSettings build() {
      String key = writeKey;
      if (key == null || !isPresent(key)) {
        throw new InvalidSettingException(
            prefix()
                + "has no write key and was not started. Set <writeKey> in logback.xml (for"
                + " example <writeKey>${EVENTBUNKER_WRITE_KEY}</writeKey>), or the property"
                + " eventbunker.write-key with the Spring Boot starter. Create write keys in the"
                + " EventBunker web UI.",
            true);
      }
      URI uri = parseEndpoint();
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
          this, key, uri, customerMdcKey, parseMdcKeys(), parseSpoolDirectory());
    }

    /** Unset, blank or an undefined variable: no spool (the appender warns about the last). */
    private @Nullable Path parseSpoolDirectory() {
      if (spoolDirectory == null
          || spoolDirectory.trim().isEmpty()
          || isUndefinedVariable(spoolDirectory)) {
        return null;
      }
      try {
        return Paths.get(spoolDirectory.trim()).toAbsolutePath();
      } catch (InvalidPathException e) {
        throw invalid(
            "spoolDirectory",
            spoolDirectory,
            "is not a valid path here ("
                + e.getReason()
                + "); name a directory this process may create and write");
      }
    }

    private URI parseEndpoint() {
      String hint = "must be an absolute http or https URL such as " + EventBunkerDefaults.ENDPOINT;
      if (endpoint == null || endpoint.trim().isEmpty()) {
        throw invalid("endpoint", "(empty)", hint);
      }
      URI uri;
      try {
        uri = new URI(endpoint.trim());
      } catch (URISyntaxException e) {
        throw invalid("endpoint", endpoint, hint + " (" + e.getReason() + ")");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw invalid("endpoint", endpoint, hint);
      }
      return uri;
    }

    private List<String> parseMdcKeys() {
      List<String> keys = new ArrayList<>();
      if (mdcKeys != null) {
        for (String key : mdcKeys.split(",", -1)) {
          String trimmed = key.trim();
          if (!trimmed.isEmpty() && !keys.contains(trimmed)) {
            keys.add(trimmed);
          }
        }
      }
      return Collections.unmodifiableList(keys);
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
}
