package io.eventbunker.spring.boot;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.status.Status;
import io.eventbunker.logback.EventBunkerAppender;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * The starter on Logback. Logback's {@code LoggerContext.reset()}, which Spring Boot's logging
 * (re-)initialisation calls, detaches and stops every appender: the next {@code attach} starts the
 * starter's own again and re-attaches it.
 */
final class LogbackFramework implements LoggingFramework {
  private final LoggerContext context;

  private LogbackFramework(LoggerContext context) {
    this.context = context;
  }

  /** Logback, when it is SLF4J's provider. */
  static @Nullable LoggingFramework ifInUse() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext logback ? new LogbackFramework(logback) : null;
  }

  @Override
  public List<ManagedAppender> declared(@Nullable ManagedAppender own) {
    List<ManagedAppender> found = new ArrayList<>();
    for (Placement placement : placements()) {
      if (own == null || placement.appender != own.unwrap()) {
        found.add(managed(placement.appender));
      }
    }
    return found;
  }

  @Override
  public boolean fillIn(ManagedAppender declared, EventBunkerProperties properties) {
    return LogbackPropertyMapping.fillIn(properties, unwrap(declared));
  }

  @Override
  public boolean hasCustomizers(Customizers customizers) {
    return !customizers.logback().isEmpty();
  }

  @Override
  public boolean customizesDeclared(Customizers customizers) {
    return hasCustomizers(customizers);
  }

  @Override
  public void customize(ManagedAppender declared, Customizers customizers) {
    EventBunkerAppender appender = unwrap(declared);
    customizers.logback().forEach(customizer -> customizer.customize(appender));
  }

  @Override
  public ManagedAppender create(EventBunkerProperties properties, Customizers customizers) {
    EventBunkerAppender appender = new EventBunkerAppender();
    appender.setName(ManagedAppenders.APPENDER_NAME);
    appender.setContext(context);
    LogbackPropertyMapping.applyAll(properties, appender);
    customizers.logback().forEach(customizer -> customizer.customize(appender));
    return managed(appender);
  }

  @Override
  public void attach(ManagedAppender appender, List<String> loggers) {
    EventBunkerAppender attaching = unwrap(appender);
    for (String name : loggers) {
      Logger logger = context.getLogger(name.trim());
      if (!logger.isAttached(attaching)) {
        logger.addAppender(attaching);
      }
    }
  }

  @Override
  public Map<String, String> sentTwice(List<String> loggers) {
    Set<Logger> listed = new HashSet<>();
    loggers.forEach(name -> listed.add(context.getLogger(name.trim())));
    Map<String, String> twice = new LinkedHashMap<>();
    for (Logger logger : listed) {
      Logger current = logger;
      while (current.isAdditive() && !current.getName().equals(Logger.ROOT_LOGGER_NAME)) {
        int dot = current.getName().lastIndexOf('.');
        current =
            context.getLogger(
                dot < 0 ? Logger.ROOT_LOGGER_NAME : current.getName().substring(0, dot));
        if (listed.contains(current)) {
          twice.put(logger.getName(), current.getName());
          break;
        }
      }
    }
    return twice;
  }

  @Override
  public void detach(ManagedAppender appender) {
    EventBunkerAppender detaching = unwrap(appender);
    for (Logger logger : context.getLoggerList()) {
      logger.detachAppender(detaching);
    }
  }

  @Override
  public void detachDeclared(ManagedAppender declared) {
    for (Placement placement : placements()) {
      if (placement.appender == declared.unwrap()) {
        placement.parent.detachAppender(placement.appender);
      }
    }
  }

  @Override
  public String declaredWithoutWriteKey() {
    // The starter fills the key in from the property: setting it is the whole fix.
    return ManagedAppenders.NO_WRITE_KEY;
  }

  @Override
  public String whyNotStarted(ManagedAppender appender) {
    List<Status> statuses = context.getStatusManager().getCopyOfStatusList();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      Status status = statuses.get(i);
      if (status.getOrigin() == appender.unwrap() && status.getLevel() >= Status.WARN) {
        return status.getMessage();
      }
    }
    return "the appender '" + appender.name() + "' did not start.";
  }

  @Override
  public void start(ManagedAppender appender) {
    unwrap(appender).start(); // what it reports stays in the status manager, read back below
  }

  private static EventBunkerAppender unwrap(ManagedAppender appender) {
    return (EventBunkerAppender) appender.unwrap();
  }

  /** Its settings read when needed: a declared appender is filled in after it is found. */
  private static ManagedAppender managed(EventBunkerAppender appender) {
    return new ManagedAppender(
        appender,
        () ->
            TimeUnit.MILLISECONDS.toNanos(
                Math.max(0, appender.getShutdownTimeout().getMilliseconds())),
        () -> StringUtils.hasText(appender.getSpoolDirectory()));
  }

  /** Every EventBunker appender on any logger, or inside an appender such as AsyncAppender. */
  private List<Placement> placements() {
    List<Placement> found = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      collect(logger, found);
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static void collect(AppenderAttachable<ILoggingEvent> parent, List<Placement> found) {
    Iterator<Appender<ILoggingEvent>> appenders = parent.iteratorForAppenders();
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> appender = appenders.next();
      if (appender instanceof EventBunkerAppender eventBunkerAppender) {
        found.add(new Placement(parent, eventBunkerAppender));
      } else if (appender instanceof AppenderAttachable) {
        collect((AppenderAttachable<ILoggingEvent>) appender, found);
      }
    }
  }

  /** An appender and what it is attached to: a logger, or an appender such as AsyncAppender. */
  private record Placement(
      AppenderAttachable<ILoggingEvent> parent, EventBunkerAppender appender) {}
}
