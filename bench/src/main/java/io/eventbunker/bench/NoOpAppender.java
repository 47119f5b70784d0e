package io.eventbunker.bench;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/** Does nothing but count, so that AsyncAppender's own cost is all that is measured. */
final class NoOpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  // Written only by AsyncAppender's single worker thread; read after it has stopped.
  private long appended;

  @Override
  protected void append(ILoggingEvent event) {
    appended++;
  }

  long appended() {
    return appended;
  }
}
