package io.eventbunker.bench;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Does nothing but count, so that the async baseline's own cost is all that is measured: Log4j2's
 * {@link NoOpAppender}.
 */
final class Log4j2NoOpAppender extends AbstractAppender {
  // Written only by the one background thread of AsyncAppender or of the async loggers' Disruptor;
  // volatile because neither's stop() promises a happens-before edge with it.
  private volatile long appended;

  Log4j2NoOpAppender() {
    super("bench-no-op", null, null, true, Property.EMPTY_ARRAY);
  }

  @Override
  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer
  public void append(LogEvent event) {
    appended++;
  }

  long appended() {
    return appended;
  }
}
