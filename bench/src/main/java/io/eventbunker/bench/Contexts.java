package io.eventbunker.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import io.eventbunker.logback.EventBunkerAppender;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Logback set up in code, the same way for every variant. */
final class Contexts {
  static final String WRITE_KEY = "bench-write-key";

  /** Never dialled: {@link InstantHttpClient} answers in its place. */
  static final String INSTANT_ENDPOINT = "http://127.0.0.1:9/post";

  private Contexts() {}

  /**
   * A context of its own, so no configuration file or other appender takes part. It needs an MDC
   * adapter: without one, logback throws from every MDC read.
   */
  static LoggerContext newContext() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
    return context;
  }

  /**
   * Our appender on {@code context} with the bench's write key, not started: the caller sets more.
   */
  static EventBunkerAppender appender(LoggerContext context, String name, String endpoint) {
    EventBunkerAppender appender = new EventBunkerAppender();
    appender.setContext(context);
    appender.setName(name);
    appender.setWriteKey(WRITE_KEY);
    appender.setEndpoint(endpoint);
    return appender;
  }

  /**
   * Our appender, started on {@code context}, its endpoint answering instantly without a network;
   * with a spool in {@code spoolDirectory} unless null.
   */
  static EventBunkerAppender instantAppender(
      LoggerContext context, int queueCapacity, @Nullable Path spoolDirectory) {
    EventBunkerAppender appender = appender(context, "bench", INSTANT_ENDPOINT);
    appender.setHttpClient(new InstantHttpClient());
    appender.setQueueCapacity(queueCapacity);
    if (spoolDirectory != null) {
      appender.setSpoolDirectory(spoolDirectory.toString());
    }
    appender.start();
    return appender;
  }

  /** An endpoint on a port nothing listens on: connections to it are refused at once. */
  static String deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/post";
    }
  }

  /** An INFO logger with exactly these appenders (none: the statement reaches no appender). */
  @SafeVarargs
  static Logger logger(LoggerContext context, Appender<ILoggingEvent>... appenders) {
    Logger logger = context.getLogger("bench");
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    for (Appender<ILoggingEvent> appender : appenders) {
      logger.addAppender(appender);
    }
    return logger;
  }
}
