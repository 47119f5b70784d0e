package io.eventbunker.bench;

import io.eventbunker.log4j2.EventBunkerAppender;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Log4j2 set up in code, the same way for every variant: each in a {@link LoggerContext} of its
 * own, made here rather than by {@code LogManager}, so no configuration file is looked for and the
 * global context is never touched; the Logback benchmarks in the same jar run as before.
 */
final class Log4j2Contexts {
  private static final String LOGGER_NAME = "bench";

  private Log4j2Contexts() {}

  /**
   * A stopped context with an empty configuration: add appenders to {@code configuration()}, then
   * {@link #start}. With {@code asyncLoggers}, every logger of the context is an async logger (the
   * LMAX Disruptor's ring buffer in front of its appenders), as with Log4j2's
   * AsyncLoggerContextSelector.
   */
  static LoggerContext newContext(String name, boolean asyncLoggers) {
    return asyncLoggers ? new AsyncLoggerContext(name) : new LoggerContext(name);
  }

  /** Our appender, its endpoint answering instantly without a network; the context starts it. */
  static EventBunkerAppender instantAppender(int queueCapacity) {
    return EventBunkerAppender.newBuilder()
        .setName("bench")
        .setWriteKey(Contexts.WRITE_KEY)
        .setEndpoint(Contexts.INSTANT_ENDPOINT)
        .setQueueCapacity(queueCapacity)
        .setHttpClient(new InstantHttpClient())
        .build();
  }

  /**
   * Log4j2's AsyncAppender over {@code target} (already added to {@code configuration}), never
   * blocking the logging thread when its queue is full, as logback's {@code neverBlock}.
   */
  static AsyncAppender asyncAppender(Configuration configuration, Appender target, int bufferSize) {
    return AsyncAppender.newBuilder()
        .setName("bench-async")
        .setConfiguration(configuration)
        .setAppenderRefs(
            new AppenderRef[] {AppenderRef.createAppenderRef(target.getName(), null, null)})
        .setBlocking(false)
        .setBufferSize(bufferSize)
        .build();
  }

  /** An empty configuration for {@code context}: the root logger is off and has no appender. */
  static Configuration newConfiguration(LoggerContext context) {
    return new CodeConfiguration(context);
  }

  /**
   * Starts {@code context} with {@code configuration}, which then starts its appenders, and returns
   * an INFO logger with exactly the {@code attached} appenders (none: the statement reaches no
   * appender). Appenders added to {@code configuration} beforehand are started too.
   */
  static Logger start(LoggerContext context, Configuration configuration, Appender... attached) {
    LoggerConfig logger =
        LoggerConfig.newBuilder()
            .withLoggerName(LOGGER_NAME)
            .withLevel(Level.INFO)
            .withAdditivity(false)
            .withConfig(configuration)
            .build();
    for (Appender appender : attached) {
      configuration.addAppender(appender);
      logger.addAppender(appender, null, null);
    }
    configuration.addLogger(LOGGER_NAME, logger);
    context.start(configuration);
    return context.getLogger(LOGGER_NAME);
  }

  /** A configuration made in code only. */
  private static final class CodeConfiguration extends AbstractConfiguration {
    CodeConfiguration(LoggerContext context) {
      // With its context, the logger configs default as in a file for the same context (no
      // location for async loggers).
      super(context, ConfigurationSource.NULL_SOURCE);
      setName("bench-" + context.getName());
      getRootLogger().setLevel(Level.OFF);
    }

    /**
     * Nothing to read. AbstractConfiguration's would find no Loggers element and fall back to a
     * console appender, with a warning. Log4j2's DefaultConfiguration also skips it, but is no use
     * here: AsyncLoggerContext starts no Disruptor for it.
     */
    @Override
    protected void doConfigure() {}
  }
}
