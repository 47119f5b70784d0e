package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import io.eventbunker.log4j2.EventBunkerAppender;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.jspecify.annotations.Nullable;

/**
 * A Log4j2 EventBunker appender as {@link ManagedAppender}; loaded only with Log4j2 present. The
 * appender is built from settings it does not expose, so its shutdown timeout and spool directory
 * come with it.
 */
final class Log4j2Appender implements ManagedAppender {
  final EventBunkerAppender appender;
  private final long shutdownTimeoutNanos;
  private final boolean hasSpoolDirectory;
  private volatile @Nullable String lastProblem;

  Log4j2Appender(
      EventBunkerAppender appender, long shutdownTimeoutNanos, boolean hasSpoolDirectory) {
    this.appender = appender;
    this.shutdownTimeoutNanos = shutdownTimeoutNanos;
    this.hasSpoolDirectory = hasSpoolDirectory;
  }

  @Override
  public Object unwrap() {
    return appender;
  }

  @Override
  public String name() {
    return appender.getName();
  }

  @Override
  public boolean isStarted() {
    return appender.isStarted();
  }

  @Override
  public boolean hasWriteKey() {
    return appender.hasWriteKey();
  }

  @Override
  public EventBunkerStats stats() {
    return appender.getStats();
  }

  @Override
  public void addListener(EventBunkerListener listener) {
    appender.addListener(listener);
  }

  /**
   * Starts it, keeping what it reports to the StatusLogger meanwhile: a setting it cannot start
   * with is reported there only.
   */
  @Override
  public void start() {
    ProblemListener problems = new ProblemListener();
    StatusLogger.getLogger().registerListener(problems);
    try {
      appender.start();
    } finally {
      StatusLogger.getLogger().removeListener(problems);
    }
  }

  /** The last warning or error the appender reported while {@link #start} ran, if any. */
  @Nullable String lastProblem() {
    return lastProblem;
  }

  @Override
  public void stop() {
    appender.stop();
  }

  @Override
  public void stop(Duration timeout) {
    appender.stop(timeout);
  }

  @Override
  public FlushReport flush(Duration timeout) {
    return appender.flush(timeout);
  }

  @Override
  public boolean hasSpoolDirectory() {
    return hasSpoolDirectory;
  }

  @Override
  public long shutdownTimeoutNanos() {
    return shutdownTimeoutNanos;
  }

  /** Keeps the warnings and errors reported while the appender starts. */
  private final class ProblemListener implements StatusListener {
    @Override
    public void log(StatusData data) {
      lastProblem = data.getMessage().getFormattedMessage();
    }

    @Override
    public Level getStatusLevel() {
      return Level.WARN;
    }

    @Override
    public void close() {}
  }
}
