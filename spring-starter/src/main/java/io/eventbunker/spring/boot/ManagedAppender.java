package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerControl;
import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An EventBunker appender of either logging framework as the shared code sees it, with what the
 * starter knows of it besides: how long its close may take and whether it holds a spool directory.
 */
final class ManagedAppender {
  private final EventBunkerControl appender;
  private final LongSupplier shutdownTimeoutNanos;
  private final BooleanSupplier hasSpoolDirectory;

  /** What the appender reported when it did not start, where its framework lets us catch it. */
  private volatile @Nullable String startProblem;

  /**
   * @param shutdownTimeoutNanos read at close: a declared Logback appender's settings are filled in
   *     after it is found
   * @param hasSpoolDirectory read when it is replaced, likewise
   */
  ManagedAppender(
      EventBunkerControl appender,
      LongSupplier shutdownTimeoutNanos,
      BooleanSupplier hasSpoolDirectory) {
    this.appender = appender;
    this.shutdownTimeoutNanos = shutdownTimeoutNanos;
    this.hasSpoolDirectory = hasSpoolDirectory;
  }

  /** The appender itself: what identity comparisons and the weak sets use. */
  EventBunkerControl unwrap() {
    return appender;
  }

  String name() {
    return String.valueOf(appender.getName());
  }

  boolean isStarted() {
    return appender.isStarted();
  }

  boolean hasWriteKey() {
    return appender.hasWriteKey();
  }

  EventBunkerStats stats() {
    return appender.getStats();
  }

  void addListener(EventBunkerListener listener) {
    appender.addListener(listener);
  }

  /** Stops within the appender's own shutdown timeout. */
  void stop() {
    appender.stop();
  }

  /** Stops within {@code timeout}; see the appenders' {@code stop(Duration)}. */
  void stop(Duration timeout) {
    appender.stop(timeout);
  }

  FlushReport flush(Duration timeout) {
    return appender.flush(timeout);
  }

  /**
   * Whether it is configured with a spool directory (whether or not the spool could be opened),
   * which one appender at a time may hold.
   */
  boolean hasSpoolDirectory() {
    return hasSpoolDirectory.getAsBoolean();
  }

  /** The time its close is given: its shutdown timeout. */
  long shutdownTimeoutNanos() {
    return shutdownTimeoutNanos.getAsLong();
  }

  @Nullable String startProblem() {
    return startProblem;
  }

  void startProblem(@Nullable String problem) {
    startProblem = problem;
  }
}
