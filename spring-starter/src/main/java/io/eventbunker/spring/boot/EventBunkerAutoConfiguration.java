package io.eventbunker.spring.boot;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Sends events logged with the {@code EVENT} marker to EventBunker: attaches the appender to
 * Logback or Log4j2, whichever logs (or configures the one {@code logback-spring.xml} or {@code
 * log4j2-spring.xml} declares), applies {@link EventBunkerAppenderCustomizer} and {@link
 * EventBunkerLog4j2Customizer} beans, and delivers what is left when the context closes.
 *
 * <p>The appender is attached earlier still, by a listener that runs as soon as logging is
 * initialised; this configuration takes over once the context has its beans.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "eventbunker", name = "enabled", matchIfMissing = true)
// The framework first: the write key condition looks into its configuration.
@Conditional({OnLoggingFrameworkCondition.class, OnWriteKeyCondition.class})
@EnableConfigurationProperties(EventBunkerProperties.class)
public final class EventBunkerAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EventBunkerLifecycle eventBunkerLifecycle(
      ApplicationContext context,
      EventBunkerProperties properties,
      ObjectProvider<EventBunkerAppenderCustomizer> logbackCustomizers,
      ObjectProvider<EventBunkerLog4j2Customizer> log4j2Customizers) {
    return new EventBunkerLifecycle(
        ManagedAppenders.get(),
        properties,
        new Customizers(
            logbackCustomizers.orderedStream().toList(),
            log4j2Customizers.orderedStream().toList()),
        context.getParent() == null);
  }
}
