package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.time.Duration;

/**
 * An EventBunker appender of either logging framework, as the shared code sees it: both appenders
 * have these operations, but no common type, so each framework wraps its own.
 */
interface ManagedAppender {

  /** The appender itself: what identity comparisons and the weak sets use. */
  Object unwrap();

  String name();

  boolean isStarted();

  boolean hasWriteKey();

  EventBunkerStats stats();

  void addListener(EventBunkerListener listener);

  void start();

  /** Stops within the appender's own shutdown timeout. */
  void stop();

  /** Stops within {@code timeout}; see the appenders' {@code stop(Duration)}. */
  void stop(Duration timeout);

  FlushReport flush(Duration timeout);

  /**
   * Whether it is configured with a spool directory (whether or not the spool could be opened),
   * which one appender at a time may hold.
   */
  boolean hasSpoolDirectory();

  /** The time its close is given: its shutdown timeout. */
  long shutdownTimeoutNanos();
}
