package io.eventbunker.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The appender's settings, validated once at start and immutable afterwards. */
public final class AppenderSettings {
  private static final String UNDEFINED_VARIABLE_SUFFIX = "_IS_UNDEFINED";

  private final String appenderName;
  private final SettingSyntax syntax;

  /** The client given to {@code setHttpClient}, or null for the appender's own. */
  private final @Nullable HttpClient userClient;

  private final String writeKey;
  private final URI endpoint;
  private final @Nullable InetSocketAddress proxy;
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
  private final @Nullable String undefinedSpoolDirectory;
  private final long maxSpoolBytes;
  private final long spoolMaxAgeMillis;
  private final boolean consoleWarnings;

  AppenderSettings(
      AppenderSettingsBuilder b,
      String writeKey,
      URI endpoint,
      @Nullable InetSocketAddress proxy,
      String customerIdentifierMdcKey,
      List<String> mdcKeys,
      @Nullable Path spoolDirectory) {
    this.appenderName = b.appenderName;
    this.syntax = b.syntax;
    this.userClient = b.userClient;
    this.writeKey = writeKey;
    this.endpoint = endpoint;
    this.proxy = proxy;
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
    this.undefinedSpoolDirectory = isUndefinedVariable(b.spoolDirectory) ? b.spoolDirectory : null;
    this.maxSpoolBytes = b.maxSpoolBytes;
    this.spoolMaxAgeMillis = b.spoolMaxAgeMillis;
    this.consoleWarnings = b.consoleWarnings;
  }

  /** Set: neither null, blank nor an undefined variable. */
  public static boolean isPresent(@Nullable String value) {
    return value != null && !value.trim().isEmpty() && !isUndefinedVariable(value);
  }

  /**
   * A variable the framework could not resolve: logback makes {@code ${NAME}} into {@code
   * NAME_IS_UNDEFINED}, Log4j2 leaves {@code ${env:NAME}} as it is.
   */
  static boolean isUndefinedVariable(@Nullable String value) {
    return value != null
        && (value.endsWith(UNDEFINED_VARIABLE_SUFFIX)
            || (value.startsWith("${") && value.endsWith("}")));
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

  /** The endpoint as every message shows it: without user info. */
  String printableEndpoint() {
    return SettingValues.printable(endpoint);
  }

  /** The proxy of the appender's own client, or null for the JVM's default proxy selector. */
  @Nullable InetSocketAddress proxy() {
    return proxy;
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

  public long shutdownTimeoutNanos() {
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

  @Nullable HttpClient userClient() {
    return userClient;
  }

  boolean consoleWarnings() {
    return consoleWarnings;
  }

  /**
   * What the user should hear of at start, though the appender runs: a spool directory that is an
   * undefined variable, and a key that would travel in clear.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (undefinedSpoolDirectory != null) {
      warnings.add(
          "EventBunker appender '"
              + appenderName
              + "' has "
              + syntax.name("spoolDirectory")
              + " "
              + undefinedSpoolDirectory
              + ", an undefined variable: it runs without a spool. Define the variable, or give"
              + " it a default in "
              + syntax.file()
              + ".");
    }
    if (sendsKeyInClear()) {
      warnings.add(
          "EventBunker appender '"
              + appenderName
              + "' sends to "
              + printableEndpoint()
              + " over plain http: the write key travels unencrypted. Use https outside"
              + " local testing.");
    }
    return warnings;
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
    return "AppenderSettings{"
        + appenderName
        + ", endpoint="
        + printableEndpoint()
        + ", writeKey=***}";
  }
}
