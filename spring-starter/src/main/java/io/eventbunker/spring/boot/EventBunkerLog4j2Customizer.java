package io.eventbunker.spring.boot;

import io.eventbunker.log4j2.EventBunkerAppender;

/**
 * Customizes the Log4j2 EventBunker appender the starter creates, through its builder, after the
 * {@code eventbunker.*} properties are applied and before it is built: to supply an {@code
 * HttpClient} with {@code setHttpClient}, or change any setting.
 *
 * <p>Declare it as a bean. As with {@link EventBunkerAppenderCustomizer}, the appender that started
 * early is replaced by a customized one once the beans exist. An appender {@code log4j2-spring.xml}
 * declares is built by Log4j2 itself, from the XML only, so customizers never apply to it.
 */
@FunctionalInterface
public interface EventBunkerLog4j2Customizer {

  /** Changes the builder before the appender is built. */
  void customize(EventBunkerAppender.Builder builder);
}
