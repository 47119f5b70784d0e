package io.eventbunker.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the EventBunker appender, under {@code eventbunker.*}.
 *
 * <p>The defaults are those of {@code io.eventbunker.logback.EventBunkerDefaults}, written out here
 * so that IDEs can show them; a test keeps the two equal. A value that cannot be converted (such as
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
  private String writeKey;

  /** URL of the EventBunker track API. */
  private String endpoint = "https://track.eventbunker.io/post";

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
   * closes. Shutdown never waits much longer than this.
   */
  private Duration shutdownTimeout = Duration.ofSeconds(5);

  /** The MDC entry whose value becomes the event's customer_identifier. */
  private String customerIdentifierMdcKey = "customer_identifier";

  /** MDC entries copied into every event as string fields. */
  private List<String> mdcKeys = new ArrayList<>();

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

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getWriteKey() {
    return writeKey;
  }

  public void setWriteKey(String writeKey) {
    this.writeKey = writeKey;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public int getQueueCapacity() {
    return queueCapacity;
  }

  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  public DataSize getQueueMaxBytes() {
    return queueMaxBytes;
  }

  public void setQueueMaxBytes(DataSize queueMaxBytes) {
    this.queueMaxBytes = queueMaxBytes;
  }

  public DataSize getMaxEventBytes() {
    return maxEventBytes;
  }

  public void setMaxEventBytes(DataSize maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  public Duration getAppendTimeout() {
    return appendTimeout;
  }

  public void setAppendTimeout(Duration appendTimeout) {
    this.appendTimeout = appendTimeout;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  public void setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
  }

  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  public String getCustomerIdentifierMdcKey() {
    return customerIdentifierMdcKey;
  }

  public void setCustomerIdentifierMdcKey(String customerIdentifierMdcKey) {
    this.customerIdentifierMdcKey = customerIdentifierMdcKey;
  }

  public List<String> getMdcKeys() {
    return mdcKeys;
  }

  public void setMdcKeys(List<String> mdcKeys) {
    this.mdcKeys = mdcKeys;
  }

  public List<String> getLoggers() {
    return loggers;
  }

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

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getTimeout() {
      return timeout;
    }

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
    private String directory;

    /** Disk space the spool may take; when it is full, the newest events are dropped. */
    private DataSize maxBytes = DataSize.ofMegabytes(256);

    /**
     * Spooled events older than this (from the statement's time) are given up as failed when
     * replayed; zero keeps them however old.
     */
    private Duration maxAge = Duration.ofMillis(0);

    public String getDirectory() {
      return directory;
    }

    public void setDirectory(String directory) {
      this.directory = directory;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }
}
