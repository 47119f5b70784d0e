package io.eventbunker.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.eventbunker.core.EventBunkerControl;
import io.eventbunker.core.EventBunkerDefaults;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import io.eventbunker.core.internal.AppenderCore;
import io.eventbunker.core.internal.AppenderSettings;
import io.eventbunker.core.internal.InvalidSettingException;
import java.net.http.HttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Sends log statements marked {@link EventBunker#EVENT EVENT} to EventBunker.
 *
 * <p>{@code append} only snapshots the statement into a bounded queue; a sender thread delivers it
 * with retries. Every accepted event ends as delivered, rejected, dropped or failed, counted in
 * {@link #getStats()} and reported to listeners. Diagnostics go to logback's status manager.
 */
public final class EventBunkerAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements EventBunkerControl {

  private final AppenderCore<ILoggingEvent> core =
      new AppenderCore<>(this::getName, new LogbackEventReader(), new LogbackDiagnostics(this));

  private @Nullable String writeKey;
  private String endpoint = EventBunkerDefaults.ENDPOINT;
  private int queueCapacity = EventBunkerDefaults.QUEUE_CAPACITY;
  private FileSize queueMaxBytes = new FileSize(EventBunkerDefaults.QUEUE_MAX_BYTES);
  private FileSize maxEventBytes = new FileSize(EventBunkerDefaults.MAX_EVENT_BYTES);
  private Duration appendTimeout =
      Duration.buildByMilliseconds(EventBunkerDefaults.APPEND_TIMEOUT_MS);
  private int maxInFlight = EventBunkerDefaults.MAX_IN_FLIGHT;
  private Duration connectTimeout =
      Duration.buildByMilliseconds(EventBunkerDefaults.CONNECT_TIMEOUT_MS);
  private Duration requestTimeout =
      Duration.buildByMilliseconds(EventBunkerDefaults.REQUEST_TIMEOUT_MS);
  private int retryMaxAttempts = EventBunkerDefaults.RETRY_MAX_ATTEMPTS;
  private Duration retryInitialBackoff =
      Duration.buildByMilliseconds(EventBunkerDefaults.RETRY_INITIAL_BACKOFF_MS);
  private Duration retryMaxBackoff =
      Duration.buildByMilliseconds(EventBunkerDefaults.RETRY_MAX_BACKOFF_MS);
  private Duration retryTimeout =
      Duration.buildByMilliseconds(EventBunkerDefaults.RETRY_TIMEOUT_MS);
  private Duration shutdownTimeout =
      Duration.buildByMilliseconds(EventBunkerDefaults.SHUTDOWN_TIMEOUT_MS);
  private String customerIdentifierMdcKey = EventBunkerDefaults.CUSTOMER_IDENTIFIER_MDC_KEY;
  private String mdcKeys = "";
  private @Nullable String spoolDirectory;
  private FileSize maxSpoolBytes = new FileSize(EventBunkerDefaults.MAX_SPOOL_BYTES);
  private Duration spoolMaxAge = Duration.buildByMilliseconds(EventBunkerDefaults.SPOOL_MAX_AGE_MS);
  private @Nullable HttpClient httpClient;
  private @Nullable String proxy;
  private boolean consoleWarnings = EventBunkerDefaults.CONSOLE_WARNINGS;

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    AppenderSettings settings;
    try {
      settings = LogbackSettings.from(this, writeKey, httpClient);
    } catch (InvalidSettingException e) {
      if (e.isMissingWriteKey()) {
        // A warning, not an error: Spring Boot refuses to start on error statuses, and its
        // starter supplies the key after logback's own configuration has run.
        addWarn(e.getMessage());
      } else {
        addError(e.getMessage());
      }
      return;
    }
    core.start(settings);
    super.start();
  }

  /** Delivers what is queued and in flight within {@code shutdownTimeout}, then reports. */
  @Override
  public void stop() {
    stopWithin(core.shutdownTimeoutNanos());
  }

  /**
   * Stops like {@link #stop()}, but delivers within {@code timeout} instead of {@code
   * shutdownTimeout}: for a shutdown that has spent part of its time already, in a {@link #flush}
   * say. Null or negative: no wait; with a spool, what is left goes to it at once.
   */
  @Override
  public void stop(java.time.@Nullable Duration timeout) {
    stopWithin(AppenderCore.nanos(timeout));
  }

  private void stopWithin(long timeoutNanos) {
    if (!isStarted()) {
      return;
    }
    super.stop();
    core.stop(timeoutNanos); // and reports the totals
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (LogbackEventReader.isEvent(event)) {
      core.append(event);
    }
  }

  /**
   * Sends what is queued, waiting for a retry or in flight now, and waits at most {@code timeout}
   * for each of those events to reach an outcome (or the spool). Logging goes on meanwhile; events
   * logged after the call are not waited for. For batch jobs and functions that must know their
   * events left before they end, without stopping logging.
   */
  @Override
  public FlushReport flush(java.time.@Nullable Duration timeout) {
    return core.flush(timeout);
  }

  /** A snapshot of the counters; see {@link EventBunkerStats} for the accounting identity. */
  @Override
  public EventBunkerStats getStats() {
    return core.stats(queueCapacity);
  }

  /** Adds a listener for per-event outcomes; effective at once. */
  @Override
  public void addListener(EventBunkerListener listener) {
    core.addListener(listener);
  }

  /** Removes a listener added with {@link #addListener}. */
  @Override
  public void removeListener(EventBunkerListener listener) {
    core.removeListener(listener);
  }

  /** The project's write key (required). Never printed anywhere. */
  public void setWriteKey(@Nullable String writeKey) {
    this.writeKey = writeKey;
  }

  /** True when a write key has been set; the key itself is never exposed. */
  @Override
  public boolean hasWriteKey() {
    return AppenderSettings.isPresent(writeKey);
  }

  /** The track API URL; default {@value EventBunkerDefaults#ENDPOINT}. */
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /** The track API URL in use. */
  public String getEndpoint() {
    return endpoint;
  }

  /**
   * A proxy for the appender's own client, as {@code host:port}; default none, which leaves the
   * JVM's proxy properties ({@code https.proxyHost}, {@code https.proxyPort}) in charge. Ignored
   * with {@link #setHttpClient}.
   */
  public void setProxy(@Nullable String proxy) {
    this.proxy = proxy;
  }

  /** The proxy setting, {@code host:port}, or null. */
  public @Nullable String getProxy() {
    return proxy;
  }

  /** Events the queue holds; default {@value EventBunkerDefaults#QUEUE_CAPACITY}. */
  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  /** Events the queue holds. */
  public int getQueueCapacity() {
    return queueCapacity;
  }

  /** Memory bound of the queue, e.g. {@code 16MB}; default 16 MB. */
  public void setQueueMaxBytes(FileSize queueMaxBytes) {
    this.queueMaxBytes = queueMaxBytes;
  }

  /** Memory bound of the queue. */
  public FileSize getQueueMaxBytes() {
    return queueMaxBytes;
  }

  /** Largest event sent, e.g. {@code 64KB}; larger ones are rejected. Default 64 KB. */
  public void setMaxEventBytes(FileSize maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** Largest event sent. */
  public FileSize getMaxEventBytes() {
    return maxEventBytes;
  }

  /** How long a logging thread waits for queue space before dropping; default 0 (never waits). */
  public void setAppendTimeout(Duration appendTimeout) {
    this.appendTimeout = appendTimeout;
  }

  /** How long a logging thread waits for queue space. */
  public Duration getAppendTimeout() {
    return appendTimeout;
  }

  /** Requests on the wire at once; default {@value EventBunkerDefaults#MAX_IN_FLIGHT}. */
  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** Requests on the wire at once. */
  public int getMaxInFlight() {
    return maxInFlight;
  }

  /** Time allowed to connect; default 5 seconds. Ignored with {@link #setHttpClient}. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Time allowed to connect. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Time allowed for one request and its response; default 10 seconds. */
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  /** Time allowed for one request and its response. */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /**
   * Attempts per event, the first included; default {@value
   * EventBunkerDefaults#RETRY_MAX_ATTEMPTS}.
   */
  public void setRetryMaxAttempts(int retryMaxAttempts) {
    this.retryMaxAttempts = retryMaxAttempts;
  }

  /** Attempts per event, the first included. */
  public int getRetryMaxAttempts() {
    return retryMaxAttempts;
  }

  /** Upper bound of the first randomised backoff; default 250 milliseconds. */
  public void setRetryInitialBackoff(Duration retryInitialBackoff) {
    this.retryInitialBackoff = retryInitialBackoff;
  }

  /** Upper bound of the first randomised backoff. */
  public Duration getRetryInitialBackoff() {
    return retryInitialBackoff;
  }

  /** Upper bound of any backoff; default 30 seconds. */
  public void setRetryMaxBackoff(Duration retryMaxBackoff) {
    this.retryMaxBackoff = retryMaxBackoff;
  }

  /** Upper bound of any backoff. */
  public Duration getRetryMaxBackoff() {
    return retryMaxBackoff;
  }

  /** Time from an event's first attempt after which it is not retried; default 5 minutes. */
  public void setRetryTimeout(Duration retryTimeout) {
    this.retryTimeout = retryTimeout;
  }

  /** Time from an event's first attempt after which it is not retried. */
  public Duration getRetryTimeout() {
    return retryTimeout;
  }

  /** Time {@code stop()} spends delivering what is left; default 10 seconds. */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /** Time {@code stop()} spends delivering what is left. */
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /**
   * The MDC entry that becomes {@code customer_identifier}; default {@value
   * EventBunkerDefaults#CUSTOMER_IDENTIFIER_MDC_KEY}.
   */
  public void setCustomerIdentifierMdcKey(String customerIdentifierMdcKey) {
    this.customerIdentifierMdcKey = customerIdentifierMdcKey;
  }

  /** The MDC entry that becomes {@code customer_identifier}. */
  public String getCustomerIdentifierMdcKey() {
    return customerIdentifierMdcKey;
  }

  /** Comma-separated MDC entries copied into every event as string fields; default none. */
  public void setMdcKeys(String mdcKeys) {
    this.mdcKeys = mdcKeys;
  }

  /** Comma-separated MDC entries copied into every event. */
  public String getMdcKeys() {
    return mdcKeys;
  }

  /**
   * A directory for the durable spool, e.g. {@code /var/spool/myapp/eventbunker}: events that
   * cannot be delivered in time go there instead of being dropped or failed, and are sent when
   * EventBunker takes events again, also after a restart. Default none: no spool. One directory per
   * appender and process.
   */
  public void setSpoolDirectory(@Nullable String spoolDirectory) {
    this.spoolDirectory = spoolDirectory;
  }

  /** The spool's directory, or null when there is none. */
  public @Nullable String getSpoolDirectory() {
    return spoolDirectory;
  }

  /**
   * Disk space the spool may take, e.g. {@code 1GB}; when full, the newest events are dropped.
   * Default 256 MB.
   */
  public void setMaxSpoolBytes(FileSize maxSpoolBytes) {
    this.maxSpoolBytes = maxSpoolBytes;
  }

  /** Disk space the spool may take. */
  public FileSize getMaxSpoolBytes() {
    return maxSpoolBytes;
  }

  /**
   * Age, since it was logged, beyond which a spooled event is not sent but failed when replayed;
   * default 0: spooled events are sent however old.
   */
  public void setSpoolMaxAge(Duration spoolMaxAge) {
    this.spoolMaxAge = spoolMaxAge;
  }

  /** Age beyond which a spooled event is not sent; 0 for none. */
  public Duration getSpoolMaxAge() {
    return spoolMaxAge;
  }

  /**
   * Whether losses and a refused write key are also printed to {@code System.err}, besides the
   * status manager; default true. Turn it off when you route logback's statuses yourself.
   */
  public void setConsoleWarnings(boolean consoleWarnings) {
    this.consoleWarnings = consoleWarnings;
  }

  /** Whether losses and a refused write key are also printed to {@code System.err}. */
  public boolean isConsoleWarnings() {
    return consoleWarnings;
  }

  /**
   * A client to send with instead of the appender's own (which it creates and closes itself). A
   * client set here is never closed by the appender, and {@code connectTimeout} does not apply.
   */
  public void setHttpClient(@Nullable HttpClient httpClient) {
    this.httpClient = httpClient;
  }
}
