package io.eventbunker.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code eventbunker.*} meters, when Micrometer and a {@link MeterRegistry} are present.
 * Ordered after the registry's auto-configuration, which lives in a different package on Spring
 * Boot 3 and 4: both are named.
 */
@AutoConfiguration(
    after = EventBunkerAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure"
          + ".CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({EventBunkerLifecycle.class, MeterRegistry.class})
public final class EventBunkerMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EventBunkerMetrics eventBunkerMetrics() {
    return new EventBunkerMetrics(ManagedAppenders.get());
  }
}
