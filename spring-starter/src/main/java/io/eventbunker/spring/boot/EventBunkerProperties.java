package io.eventbunker.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the EventBunker appender, under {@code eventbunker.*}.
 *
 * <p>The defaults are those of {@code io.eventbunker.core.EventBunkerDefaults}, written out here so
 * that IDEs can show them; a test keeps the two equal. A value that cannot be converted (such as
 * {@code queue-capacity=lots}) is reported as a warning and its default used, so a typo never stops
 * the application from starting.
 */
@ConfigurationProperties(prefix = "eventbunker", ignoreInvalidFields = true)
public class EventBunkerProperties {

  /** Whether to send events logged with the EVENT marker to EventBunker. */
  private boolean enabled = true;

  /**
   * The project's write key, from the EventBunker web UI. Required: without it the starter stays
   * off. Usually given as the environment variable EVENTBUNKER_WRITE_KEY.
   */
  private @Nullable String writeKey;

  /** URL of the EventBunker track API. */
  private String endpoint = "https://track.eventbunker.io/post";

  /**
   * A proxy for the appender's own client, as host:port. Unset: the JVM's proxy properties
   * (https.proxyHost, https.proxyPort) apply.
   */
  private @Nullable String proxy;

  /** Events the queue holds before new ones are dropped (or wait, see append-timeout). */
  private int queueCapacity = 10000;

  /** Approximate memory the queued events may take, whatever their count. */
  private DataSize queueMaxBytes = DataSize.ofMegabytes(16);

  /** Largest event sent, as JSON; larger events are rejected. */
  private DataSize maxEventBytes = DataSize.ofKilobytes(64);

  /**
   * How long a logging thread may wait for queue space before the event is dropped. Zero drops at
   * once when the queue is full, so logging never waits for EventBunker.
   */
  private Duration appendTimeout = Duration.ofMillis(0);

  /** Requests on the wire at once. */
  private int maxInFlight = 64;

  /** Time allowed to open a connection. Ignored when a customizer supplies the HttpClient. */
  private Duration connectTimeout = Duration.ofSeconds(5);

  /** Time allowed for one request, from sending it to the whole response. */
  private Duration requestTimeout = Duration.ofSeconds(10);

  /**
   * Time the appender spends delivering what is queued and in flight when the application context
   * closes: it is flushed, while events logged meanwhile are still taken, then stopped. Shutdown
   * never waits much longer than this, unless a spool has events left to write to disk.
   */
  private Duration shutdownTimeout = Duration.ofSeconds(15);

  /** The MDC entry whose value becomes the event's customer_identifier. */
  private String customerIdentifierMdcKey = "customer_identifier";

  /** MDC entries copied into every event as string fields. */
  private List<String> mdcKeys = new ArrayList<>();

  /**
   * Whether a refused write key, lost events and, at shutdown, the totals when any event was not
   * delivered are also printed to the console (System.err), besides Logback's status messages. Turn
   * it off when you route Logback's status messages yourself.
   */
  private boolean consoleWarnings = true;

  /**
   * Loggers the starter attaches its appender to. Loggers configured with additivity=false do not
   * pass events up to ROOT: list them here too when they log events.
   */
  private List<String> loggers = new ArrayList<>(List.of("ROOT"));

  private final Retry retry = new Retry();

  private final Spool spool = new Spool();

  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code eventbunker.enabled}: whether to send EVENT statements to EventBunker. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable String getWriteKey() {
    return writeKey;
  }

  /**
   * Sets {@code eventbunker.write-key}, the project's write key; without one the starter is off.
   */
  public void setWriteKey(@Nullable String writeKey) {
    this.writeKey = writeKey;
  }

  public String getEndpoint() {
    return endpoint;
  }

  /** Sets {@code eventbunker.endpoint}, the URL of the track API. */
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public @Nullable String getProxy() {
    return proxy;
  }

  /**
   * Sets {@code eventbunker.proxy}, a proxy for the appender's own client as {@code host:port};
   * without it the JVM's proxy properties apply.
   */
  public void setProxy(@Nullable String proxy) {
    this.proxy = proxy;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  /** Sets {@code eventbunker.queue-capacity}, the events the queue holds. */
  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public DataSize getQueueMaxBytes() {
    return queueMaxBytes;
  }

  /** Sets {@code eventbunker.queue-max-bytes}, the memory the queued events may take. */
  public void setQueueMaxBytes(DataSize queueMaxBytes) {
    this.queueMaxBytes = queueMaxBytes;
  }

  public DataSize getMaxEventBytes() {
    return maxEventBytes;
  }

  /** Sets {@code eventbunker.max-event-bytes}; larger events are rejected. */
  public void setMaxEventBytes(DataSize maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public Duration getAppendTimeout() {
    return appendTimeout;
  }

  /** Sets {@code eventbunker.append-timeout}, a logging thread's longest wait for queue space. */
  public void setAppendTimeout(Duration appendTimeout) {
    this.appendTimeout = appendTimeout;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  /** Sets {@code eventbunker.max-in-flight}, the requests on the wire at once. */
  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets {@code eventbunker.connect-timeout}, the time allowed to open a connection. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /** Sets {@code eventbunker.request-timeout}, the time allowed for one request. */
  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /** Sets {@code eventbunker.shutdown-timeout}, the time spent delivering at shutdown. */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public String getCustomerIdentifierMdcKey() {
    return customerIdentifierMdcKey;
  }

  /**
   * Sets {@code eventbunker.customer-identifier-mdc-key}, the MDC entry for customer_identifier.
   */
  public void setCustomerIdentifierMdcKey(String customerIdentifierMdcKey) {
    this.customerIdentifierMdcKey = customerIdentifierMdcKey;
  }

  public List<String> getMdcKeys() {
    return mdcKeys;
  }

  /** Sets {@code eventbunker.mdc-keys}, the MDC entries copied into every event. */
  public void setMdcKeys(List<String> mdcKeys) {
    this.mdcKeys = mdcKeys;
  }

  public boolean isConsoleWarnings() {
    return consoleWarnings;
  }

  /**
   * Sets {@code eventbunker.console-warnings}: whether losses and a refused write key are also
   * printed to System.err.
   */
  public void setConsoleWarnings(boolean consoleWarnings) {
    this.consoleWarnings = consoleWarnings;
  }

  public List<String> getLoggers() {
    return loggers;
  }

  /** Sets {@code eventbunker.loggers}, the loggers the appender is attached to. */
  public void setLoggers(List<String> loggers) {
    this.loggers = loggers;
  }

  public Retry getRetry() {
    return retry;
  }

  public Spool getSpool() {
    return spool;
  }

  /** Retries of transient failures (timeouts, 5xx, 429), with randomised exponential backoff. */
  public static class Retry {

    /** Attempts per event, the first included, before it counts as failed. */
    private int maxAttempts = 8;

    /** Upper bound of the first randomised backoff delay. */
    private Duration initialBackoff = Duration.ofMillis(250);

    /** Upper bound of any backoff delay; a server's Retry-After is honoured beyond it. */
    private Duration maxBackoff = Duration.ofSeconds(30);

    /** Time from an event's first attempt after which it is not retried again. */
    private Duration timeout = Duration.ofMinutes(5);

    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets {@code eventbunker.retry.max-attempts}, the attempts per event. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** Sets {@code eventbunker.retry.initial-backoff}, the first backoff's upper bound. */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** Sets {@code eventbunker.retry.max-backoff}, any backoff's upper bound. */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getTimeout() {
      return timeout;
    }

    /** Sets {@code eventbunker.retry.timeout}: no retry after this time from the first attempt. */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /**
   * The opt-in durable spool: events that cannot be delivered in time (queue overflow in an outage,
   * retries exhausted, left at shutdown) wait on disk and are sent later, across restarts.
   */
  public static class Spool {

    /**
     * Directory on a local disk where undeliverable events wait; one application per directory.
     * Unset: no spool, and such events are dropped or failed.
     */
    private @Nullable String directory;

    /** Disk space the spool may take; when it is full, the newest events are dropped. */
    private DataSize maxBytes = DataSize.ofMegabytes(256);

    /**
     * Spooled events older than this (from the statement's time) are given up as failed when
     * replayed; zero keeps them however old.
     */
    private Duration maxAge = Duration.ofMillis(0);

    public @Nullable String getDirectory() {
      return directory;
    }

    /** Sets {@code eventbunker.spool.directory}; unset, there is no spool. */
    public void setDirectory(@Nullable String directory) {
      this.directory = directory;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    /** Sets {@code eventbunker.spool.max-bytes}, the disk space the spool may take. */
    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    /** Sets {@code eventbunker.spool.max-age}; older spooled events are given up. */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }
}
