package io.eventbunker.spring.boot;

import io.eventbunker.core.EventBunkerListener;
import io.eventbunker.core.EventBunkerStats;
import io.eventbunker.core.FlushReport;
import io.eventbunker.logback.EventBunkerAppender;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.util.StringUtils;

/** A Logback EventBunker appender as {@link ManagedAppender}; loaded only with Logback present. */
final class LogbackAppender implements ManagedAppender {
  final EventBunkerAppender appender;

  LogbackAppender(EventBunkerAppender appender) {
    this.appender = appender;
  }

  @Override
  public Object unwrap() {
    return appender;
  }

  @Override
  public String name() {
    return String.valueOf(appender.getName());
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

  @Override
  public void start() {
    appender.start();
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
    return StringUtils.hasText(appender.getSpoolDirectory());
  }

  @Override
  public long shutdownTimeoutNanos() {
    return TimeUnit.MILLISECONDS.toNanos(
        Math.max(0, appender.getShutdownTimeout().getMilliseconds()));
  }
}
