package io.eventbunker.contract;

import io.eventbunker.core.EventBunkerControl;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the suite needs from one logging framework's appender: each adapter implements it in its own
 * test sources. The suite logs through the SLF4J API, which the adapter's test class path binds to
 * its framework, so a driver only starts, reads and stops its appender.
 *
 * <p>A driver serves one test: the suite creates one per test, calls {@link #start} at most once,
 * and {@link #close} at the end.
 */
public interface AdapterDriver extends AutoCloseable {

  /**
   * Starts an appender named {@code name}, configured with {@code settings} as a user writes them
   * in the framework's configuration file ({@code "queueCapacity" -> "10"}, {@code
   * "shutdownTimeout" -> "2 seconds"}, {@code "maxEventBytes" -> "64KB"}), and attaches it to the
   * root logger at level INFO, so that SLF4J statements at INFO reach it.
   *
   * @throws IllegalStateException when a setting is refused or the appender does not start, with
   *     what the framework reported
   */
  void start(String name, Map<String, String> settings);

  /** Puts an entry into the logging thread's context: the MDC, the ThreadContext. */
  void putContext(String key, String value);

  /** Empties the logging thread's context. */
  void clearContext();

  /** The appender started by {@link #start}; both appenders are an {@link EventBunkerControl}. */
  EventBunkerControl appender();

  /** The appender's {@code getStats()}. */
  default EventBunkerStats stats() {
    return appender().getStats();
  }

  /** The appender's {@code flush(Duration)}. */
  default FlushReport flush(Duration timeout) {
    return appender().flush(timeout);
  }

  /** The appender's {@code stop()}: delivers within its shutdownTimeout. */
  default void stop() {
    appender().stop();
  }

  /** The appender's {@code stop(Duration)}. */
  default void stop(Duration timeout) {
    appender().stop(timeout);
  }

  /** The appender's {@code addListener}. */
  default void addListener(EventBunkerListener listener) {
    appender().addListener(listener);
  }

  /**
   * The warnings and errors reported through the framework's status API (logback's status manager,
   * Log4j2's StatusLogger) since {@link #start}, oldest first, as their messages; also after {@link
   * #close}, which adds the totals {@code stop()} reports.
   */
  List<String> statusWarnings();

  /**
   * Whether SLF4J key-value pairs reach the appender with their Java types. False for a framework
   * whose SLF4J binding turns them into string context entries (log4j-slf4j2-impl does {@code
   * String.valueOf} and puts them into the ThreadContext): such an adapter sends them, as strings,
   * only when listed in mdcKeys.
   */
  boolean keyValuesKeepTheirTypes();

  /**
   * Stops the appender if it runs, detaches it, empties the context and gives the framework back as
   * it was before {@link #start}. Never throws for an appender that did not start.
   */
  @Override
  void close();
}
