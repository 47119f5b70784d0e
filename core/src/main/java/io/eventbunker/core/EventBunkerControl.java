package io.eventbunker.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What every EventBunker appender offers besides its logging framework's appender type: the
 * counters, listeners, a flush and a bounded stop. For code that handles the Logback and the Log4j2
 * appender alike, such as the Spring Boot starter.
 */
public interface EventBunkerControl {

  /** The appender's name in its logging configuration. */
  String getName();

  /** Whether it is running: started with settings it could use, and not stopped. */
  boolean isStarted();

  /** Starts it with its settings; one it cannot use is reported through its framework's status. */
  void start();

  /** Delivers what is queued and in flight within its {@code shutdownTimeout}, then stops. */
  void stop();

  /**
   * Stops like {@link #stop()}, but within {@code timeout}: null or negative, no wait; with a
   * spool, what is left goes to it.
   */
  void stop(@Nullable Duration timeout);

  /** Waits at most {@code timeout} for the events held now to reach an outcome; see the README. */
  FlushReport flush(@Nullable Duration timeout);

  /** A snapshot of the counters. */
  EventBunkerStats getStats();

  /** Adds a listener for per-event outcomes; effective at once. */
  void addListener(EventBunkerListener listener);

  /** Removes a listener added with {@link #addListener}. */
  void removeListener(EventBunkerListener listener);

  /** True when a write key has been set; the key itself is never exposed. */
  boolean hasWriteKey();
}
