package io.eventbunker.spring.boot;

import io.eventbunker.logback.EventBunkerAppender;

/**
 * Customizes each Logback EventBunker appender the starter manages, after the {@code eventbunker.*}
 * properties are applied and before it starts: to supply an {@code HttpClient} with {@link
 * EventBunkerAppender#setHttpClient}, add an {@code EventBunkerListener}, or change any setting. On
 * Log4j2, declare an {@link EventBunkerLog4j2Customizer} instead.
 *
 * <p>Declare it as a bean. Customizers are beans, so they are applied once the application context
 * creates them: the appender that started early to catch events logged during startup is then
 * replaced by a customized one, and stops delivering what it holds. With a spool directory it stops
 * first, and the customized one sends what it left in the spool. Each appender instance is
 * customized once.
 */
@FunctionalInterface
public interface EventBunkerAppenderCustomizer {

  /** Changes the appender before it starts. */
  void customize(EventBunkerAppender appender);
}
