package io.eventbunker.spring.boot;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * What the starter does differently on each logging framework: finding, creating, attaching and
 * detaching EventBunker appenders. One implementation per framework, each loaded only when its
 * framework is present, so that neither framework's classes are ever needed without it.
 */
interface LoggingFramework {

  /** The framework SLF4J logs to, when it is one the starter supports; otherwise null. */
  static @Nullable LoggingFramework inUse() {
    // Logback first, as Spring Boot's LoggingSystem prefers it when both are present.
    if (Present.LOGBACK) {
      LoggingFramework logback = LogbackFramework.ifInUse();
      if (logback != null) {
        return logback;
      }
    }
    return Present.LOG4J2 ? Log4j2Framework.ifInUse() : null;
  }

  /** Whether either framework, with our appender for it, is on the class path. */
  static boolean anyPresent() {
    return Present.LOGBACK || Present.LOG4J2;
  }

  /**
   * The EventBunker appenders the logging configuration declares: on any logger, or inside another
   * appender; {@code own} left out.
   */
  List<ManagedAppender> declared(@Nullable ManagedAppender own);

  /** Fills in what a declared appender left unset from the properties; whether it changed. */
  boolean fillIn(ManagedAppender declared, EventBunkerProperties properties);

  /** Whether {@code customizers} hold customizers for the appenders this framework creates. */
  boolean hasCustomizers(Customizers customizers);

  /** Whether {@code customizers} can customize an appender the configuration declares. */
  boolean customizesDeclared(Customizers customizers);

  /** Applies the customizers to a declared, stopped appender. */
  void customize(ManagedAppender declared, Customizers customizers);

  /**
   * A new appender named {@link ManagedAppenders#APPENDER_NAME}, given every property and
   * customized; not started yet.
   */
  ManagedAppender create(EventBunkerProperties properties, Customizers customizers);

  /** Attaches the appender to each of {@code loggers} where it is not attached yet. */
  void attach(ManagedAppender appender, List<String> loggers);

  /**
   * The listed loggers whose additivity carries their events up to another listed logger: each
   * mapped to that logger's name.
   */
  Map<String, String> sentTwice(List<String> loggers);

  /** Detaches the starter's own appender from every logger. */
  void detach(ManagedAppender appender);

  /** Detaches a declared appender from what it is attached to, for good: at close. */
  void detachDeclared(ManagedAppender declared);

  /** The warning for declared appenders without a write key: how to give them one. */
  String declaredWithoutWriteKey();

  /** Starts it, keeping what it reports where the framework's status cannot be read back. */
  void start(ManagedAppender appender);

  /** Why the appender did not start, from what it reported. */
  String whyNotStarted(ManagedAppender appender);

  /** Which frameworks are present, with our appender for each. */
  final class Present {
    static final String[] LOGBACK_CLASSES = {
      "ch.qos.logback.classic.LoggerContext", "io.eventbunker.logback.EventBunkerAppender"
    };
    static final String[] LOG4J2_CLASSES = {
      "org.apache.logging.log4j.core.LoggerContext", "io.eventbunker.log4j2.EventBunkerAppender"
    };
    static final boolean LOGBACK = all(LOGBACK_CLASSES, LoggingFramework.class.getClassLoader());
    static final boolean LOG4J2 = all(LOG4J2_CLASSES, LoggingFramework.class.getClassLoader());

    private Present() {}

    static boolean all(String[] classNames, @Nullable ClassLoader loader) {
      for (String className : classNames) {
        if (!ClassUtils.isPresent(className, loader)) {
          return false;
        }
      }
      return true;
    }
  }
}
