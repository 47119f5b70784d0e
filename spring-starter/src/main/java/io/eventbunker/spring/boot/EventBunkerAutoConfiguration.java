package io.eventbunker.spring.boot;

import ch.qos.logback.classic.LoggerContext;
import io.eventbunker.logback.EventBunkerAppender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Sends events logged with the {@code EVENT} marker to EventBunker: attaches the appender to
 * Logback (or configures the one {@code logback-spring.xml} declares), applies {@link
 * EventBunkerAppenderCustomizer} beans, and delivers what is left when the context closes.
 *
 * <p>The appender is attached earlier still, by a listener that runs as soon as logging is
 * initialised; this configuration takes over once the context has its beans.
 */
@AutoConfiguration
@ConditionalOnClass({LoggerContext.class, EventBunkerAppender.class})
@ConditionalOnProperty(prefix = "eventbunker", name = "enabled", matchIfMissing = true)
@Conditional(OnWriteKeyCondition.class)
@EnableConfigurationProperties(EventBunkerProperties.class)
public final class EventBunkerAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EventBunkerLifecycle eventBunkerLifecycle(
      ApplicationContext context,
      EventBunkerProperties properties,
      ObjectProvider<EventBunkerAppenderCustomizer> customizers) {
    return new EventBunkerLifecycle(
        ManagedAppenders.get(),
        properties,
        customizers.orderedStream().toList(),
        context.getParent() == null);
  }
}
