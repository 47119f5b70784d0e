package io.eventbunker.spring.boot;

import io.eventbunker.log4j2.EventBunkerAppender;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;

/** Looks into the JVM's Log4j2 context, as the Log4j2 tests need to. */
final class Log4j2Appenders {
  private Log4j2Appenders() {}

  static LoggerContext context() {
    return (LoggerContext) LogManager.getContext(false);
  }

  /** The EventBunker appenders on the root logger of the configuration in use. */
  static List<EventBunkerAppender> onRoot() {
    List<EventBunkerAppender> found = new ArrayList<>();
    for (Appender appender : context().getConfiguration().getRootLogger().getAppenders().values()) {
      if (appender instanceof EventBunkerAppender eventBunker) {
        found.add(eventBunker);
      }
    }
    return found;
  }

  /** The one EventBunker appender on the root logger; fails if there is none or more than one. */
  static EventBunkerAppender theOneOnRoot() {
    List<EventBunkerAppender> found = onRoot();
    if (found.size() != 1) {
      throw new AssertionError("expected one EventBunker appender on the root logger: " + found);
    }
    return found.get(0);
  }
}
