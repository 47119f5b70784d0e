package io.eventbunker.log4j2;

import io.eventbunker.core.EventBunkerControl;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import io.eventbunker.core.internal.AppenderCore;
import io.eventbunker.core.internal.AppenderSettings;
import io.eventbunker.core.internal.InvalidSettingException;
import java.net.http.HttpClient;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends Log4j2 statements marked {@link EventBunker#EVENT EVENT} to EventBunker. In log4j2.xml:
 *
 * <pre>{@code
 * <EventBunker name="EVENTBUNKER" writeKey="${env:EVENTBUNKER_WRITE_KEY}"/>
 * }</pre>
 *
 * <p>{@code append} only snapshots the statement into a bounded queue; a sender thread delivers it
 * with retries. Every accepted event ends as delivered, rejected, dropped or failed, counted in
 * {@link #getStats()} and reported to listeners. Diagnostics go to Log4j2's StatusLogger. Settings
 * it cannot start with are an error there, and the appender then stays stopped. It never throws
 * into a logging call, whatever {@code ignoreExceptions} says.
 */
@Plugin(name = "EventBunker", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class EventBunkerAppender extends AbstractAppender implements EventBunkerControl {
  private final Log4j2Diagnostics diagnostics = new Log4j2Diagnostics();
  private final AppenderCore<LogEvent> core;

  /** Null when the settings are invalid: then {@link #invalid} says why. */
  private final @Nullable AppenderSettings settings;

  private final @Nullable String invalid;
  private final int queueCapacity;
  private final boolean hasWriteKey;

  private EventBunkerAppender(Builder builder) {
    super(builder.getName(), builder.getFilter(), null, true, builder.getPropertyArray());
    String name = builder.getName();
    core = new AppenderCore<>(() -> name, new Log4j2EventReader(), diagnostics);
    AppenderSettings checked = null;
    String problem = null;
    try {
      checked = Log4j2Settings.from(name, builder);
    } catch (InvalidSettingException e) {
      problem = e.getMessage();
    }
    settings = checked;
    invalid = problem;
    queueCapacity = Log4j2Settings.queueCapacityOrDefault(builder);
    hasWriteKey = AppenderSettings.isPresent(builder.writeKey);
  }

  /** The builder Log4j2 configures from the attributes of {@code <EventBunker>}. */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Starts the sender with the settings checked; with a setting it cannot use, reports it as an
   * error to the StatusLogger, naming the attribute and the fix, and stays stopped.
   */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    AppenderSettings checked = settings;
    if (checked == null) {
      diagnostics.error(String.valueOf(invalid));
      return;
    }
    core.start(checked);
    super.start();
  }

  /** Delivers what is queued and in flight within {@code shutdownTimeout}, then reports. */
  @Override
  public void stop() {
    stopWithin(core.shutdownTimeoutNanos());
  }

  /**
   * What Log4j2 calls when its logger context stops (the shutdown hook, {@code
   * LogManager.shutdown()}, a reconfiguration): stops like {@link #stop()}, within {@code
   * shutdownTimeout} or {@code timeout}, whichever is longer. Log4j2's timeouts only ever extend
   * ours: its default is 0, and {@code LogManager.shutdown()} passes 50 ms, in which a burst of
   * events would fail instead of being delivered. Log4j2's own AsyncAppender likewise keeps to its
   * own {@code shutdownTimeout}. To stop sooner, set {@code shutdownTimeout}, or call {@link
   * #stop(java.time.Duration)}.
   */
  @Override
  public boolean stop(long timeout, TimeUnit timeUnit) {
    return stopWithin(Math.max(core.shutdownTimeoutNanos(), timeUnit.toNanos(timeout)));
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

  private boolean stopWithin(long timeoutNanos) {
    if (!isStarted()) {
      return true;
    }
    setStopping();
    boolean filterStopped = super.stop(timeoutNanos, TimeUnit.NANOSECONDS, false);
    core.stop(timeoutNanos); // and reports the totals
    setStopped();
    return filterStopped;
  }

  /** Takes EVENT statements; every other one costs a marker check and no allocation. */
  @Override
  public void append(LogEvent event) {
    if (Log4j2EventReader.isEvent(event)) {
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

  /** True when a write key has been set; the key itself is never exposed. */
  @Override
  public boolean hasWriteKey() {
    return hasWriteKey;
  }

  /**
   * The attributes of {@code <EventBunker>}, named and written as the Logback appender's settings
   * (see the README's configuration table), and their setters for code that builds the appender.
   * Sizes take {@code 16MB}, {@code 64KB} or a number of bytes; durations {@code 10 seconds},
   * {@code 500 milliseconds} or a number of milliseconds. Unset attributes take the defaults of
   * {@link io.eventbunker.core.EventBunkerDefaults}. Values are checked when the appender starts.
   */
  public static final class Builder extends AbstractAppender.Builder<Builder>
      implements org.apache.logging.log4j.core.util.Builder<EventBunkerAppender> {

    @PluginBuilderAttribute(sensitive = true)
    @Nullable String writeKey;

    @PluginBuilderAttribute @Nullable String endpoint;
    @PluginBuilderAttribute @Nullable String proxy;
    @PluginBuilderAttribute @Nullable String queueCapacity;
    @PluginBuilderAttribute @Nullable String queueMaxBytes;
    @PluginBuilderAttribute @Nullable String maxEventBytes;
    @PluginBuilderAttribute @Nullable String appendTimeout;
    @PluginBuilderAttribute @Nullable String maxInFlight;
    @PluginBuilderAttribute @Nullable String connectTimeout;
    @PluginBuilderAttribute @Nullable String requestTimeout;
    @PluginBuilderAttribute @Nullable String retryMaxAttempts;
    @PluginBuilderAttribute @Nullable String retryInitialBackoff;
    @PluginBuilderAttribute @Nullable String retryMaxBackoff;
    @PluginBuilderAttribute @Nullable String retryTimeout;
    @PluginBuilderAttribute @Nullable String shutdownTimeout;
    @PluginBuilderAttribute @Nullable String customerIdentifierMdcKey;
    @PluginBuilderAttribute @Nullable String mdcKeys;
    @PluginBuilderAttribute @Nullable String spoolDirectory;
    @PluginBuilderAttribute @Nullable String maxSpoolBytes;
    @PluginBuilderAttribute @Nullable String spoolMaxAge;
    @PluginBuilderAttribute @Nullable String consoleWarnings;

    @Nullable HttpClient httpClient;

    private Builder() {}

    /** The appender; it reports invalid settings when started, and then stays stopped. */
    @Override
    public EventBunkerAppender build() {
      return new EventBunkerAppender(this);
    }

    /** The project's write key (required). Never printed anywhere. */
    public Builder setWriteKey(@Nullable String writeKey) {
      this.writeKey = writeKey;
      return this;
    }

    /** The track API URL; default {@value io.eventbunker.core.EventBunkerDefaults#ENDPOINT}. */
    public Builder setEndpoint(@Nullable String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * A proxy for the appender's own client, as {@code host:port}; default none, which leaves the
     * JVM's proxy properties in charge. Ignored with {@link #setHttpClient}.
     */
    public Builder setProxy(@Nullable String proxy) {
      this.proxy = proxy;
      return this;
    }

    /** Events the queue holds; default 10000. */
    public Builder setQueueCapacity(int queueCapacity) {
      this.queueCapacity = String.valueOf(queueCapacity);
      return this;
    }

    /** Memory bound of the queue, such as {@code 16MB} (the default) or a number of bytes. */
    public Builder setQueueMaxBytes(@Nullable String queueMaxBytes) {
      this.queueMaxBytes = queueMaxBytes;
      return this;
    }

    /** Largest event sent, such as {@code 64KB} (the default); larger ones are rejected. */
    public Builder setMaxEventBytes(@Nullable String maxEventBytes) {
      this.maxEventBytes = maxEventBytes;
      return this;
    }

    /** How long a logging thread waits for queue space before dropping; default 0, no wait. */
    public Builder setAppendTimeout(@Nullable String appendTimeout) {
      this.appendTimeout = appendTimeout;
      return this;
    }

    /** Requests on the wire at once; default 64. */
    public Builder setMaxInFlight(int maxInFlight) {
      this.maxInFlight = String.valueOf(maxInFlight);
      return this;
    }

    /** Time allowed to connect; default 5 seconds. Ignored with {@link #setHttpClient}. */
    public Builder setConnectTimeout(@Nullable String connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Time allowed for one request and its response; default 10 seconds. */
    public Builder setRequestTimeout(@Nullable String requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Attempts per event, the first included; default 8. */
    public Builder setRetryMaxAttempts(int retryMaxAttempts) {
      this.retryMaxAttempts = String.valueOf(retryMaxAttempts);
      return this;
    }

    /** Upper bound of the first randomised backoff; default 250 milliseconds. */
    public Builder setRetryInitialBackoff(@Nullable String retryInitialBackoff) {
      this.retryInitialBackoff = retryInitialBackoff;
      return this;
    }

    /** Upper bound of any backoff; default 30 seconds. */
    public Builder setRetryMaxBackoff(@Nullable String retryMaxBackoff) {
      this.retryMaxBackoff = retryMaxBackoff;
      return this;
    }

    /** Time from an event's first attempt after which it is not retried; default 5 minutes. */
    public Builder setRetryTimeout(@Nullable String retryTimeout) {
      this.retryTimeout = retryTimeout;
      return this;
    }

    /**
     * Time {@code stop()} spends delivering what is left; default 15 seconds. A longer stop timeout
     * from Log4j2 (the {@code shutdownTimeout} of its {@code <Configuration>}) extends it.
     */
    public Builder setShutdownTimeout(@Nullable String shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** The ThreadContext entry that becomes {@code customer_identifier}; default the same name. */
    public Builder setCustomerIdentifierMdcKey(@Nullable String customerIdentifierMdcKey) {
      this.customerIdentifierMdcKey = customerIdentifierMdcKey;
      return this;
    }

    /**
     * Comma-separated ThreadContext entries copied into every event as string fields; default none.
     * SLF4J key-values reach Log4j2 as ThreadContext entries, so they are sent when listed.
     */
    public Builder setMdcKeys(@Nullable String mdcKeys) {
      this.mdcKeys = mdcKeys;
      return this;
    }

    /**
     * A directory for the durable spool: events that cannot be delivered in time wait there, across
     * restarts, instead of being dropped or failed. Default none. One per appender and process.
     */
    public Builder setSpoolDirectory(@Nullable String spoolDirectory) {
      this.spoolDirectory = spoolDirectory;
      return this;
    }

    /** Disk space the spool may take, such as {@code 1GB}; default 256MB. */
    public Builder setMaxSpoolBytes(@Nullable String maxSpoolBytes) {
      this.maxSpoolBytes = maxSpoolBytes;
      return this;
    }

    /** Age beyond which a spooled event is failed, not sent; default 0, sent however old. */
    public Builder setSpoolMaxAge(@Nullable String spoolMaxAge) {
      this.spoolMaxAge = spoolMaxAge;
      return this;
    }

    /**
     * Whether losses and a refused write key are also printed to {@code System.err}, besides the
     * StatusLogger; default true.
     */
    public Builder setConsoleWarnings(boolean consoleWarnings) {
      this.consoleWarnings = String.valueOf(consoleWarnings);
      return this;
    }

    /**
     * A client to send with instead of the appender's own. It is never closed by the appender, must
     * not follow redirects, and {@code connectTimeout} does not apply to it.
     */
    public Builder setHttpClient(@Nullable HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }
  }
}
