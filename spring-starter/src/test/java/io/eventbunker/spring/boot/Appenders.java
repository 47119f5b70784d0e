package io.eventbunker.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.eventbunker.logback.EventBunkerAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Looks into the JVM's logback context, as the tests need to. */
final class Appenders {
  private Appenders() {}

  static LoggerContext context() {
    return (LoggerContext) LoggerFactory.getILoggerFactory();
  }

  static Logger logger(String name) {
    return context().getLogger(name);
  }

  /** The EventBunker appenders attached directly to the logger. */
  static List<EventBunkerAppender> on(String loggerName) {
    List<EventBunkerAppender> found = new ArrayList<>();
    Iterator<Appender<ILoggingEvent>> appenders = logger(loggerName).iteratorForAppenders();
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> appender = appenders.next();
      if (appender instanceof EventBunkerAppender) {
        found.add((EventBunkerAppender) appender);
      }
    }
    return found;
  }

  /** The one EventBunker appender on ROOT; fails if there is none or more than one. */
  static EventBunkerAppender onRoot() {
    List<EventBunkerAppender> found = on(Logger.ROOT_LOGGER_NAME);
    if (found.size() != 1) {
      throw new AssertionError("expected one EventBunker appender on ROOT, found " + found);
    }
    return found.get(0);
  }
}
