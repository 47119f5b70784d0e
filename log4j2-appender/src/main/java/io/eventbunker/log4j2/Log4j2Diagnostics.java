package io.eventbunker.log4j2;

import io.eventbunker.core.internal.Diagnostics;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * The core's diagnostics, into Log4j2's StatusLogger and never through a Log4j2 logger (which would
 * feed our own messages back into logging). Messages go as {@link SimpleMessage}s: an event name
 * such as {@code user {} signed up} in them is text, not a pattern.
 */
final class Log4j2Diagnostics implements Diagnostics {
  private static final Logger STATUS = StatusLogger.getLogger();

  @Override
  public void info(String message) {
    STATUS.info(text(message));
  }

  @Override
  public void warn(String message) {
    STATUS.warn(text(message));
  }

  @Override
  public void warn(String message, Throwable cause) {
    STATUS.warn(text(message), cause);
  }

  /** Settings the appender cannot start with: an error, which Log4j2 prints by default. */
  void error(String message) {
    STATUS.error(text(message));
  }

  /** Typed as a Message: SimpleMessage is a CharSequence too, which Logger overloads on. */
  private static Message text(String message) {
    return new SimpleMessage(message);
  }
}
